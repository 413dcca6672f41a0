import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { rawRows } from '../../db/raw-rows';
import { digestSends, memberships, notifications, people, schools } from '../../db/schema';
import { runDigest, type DigestOutcome } from '../../server/modules/notifications/digest.service';
import { createMailer, type Mailer } from '../../server/modules/notifications/email/mailer';
import { openEmptyDatabase, testDatabaseUrl } from '../helpers/db';
import { createSchool } from '../helpers/factories';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';

const GUARDIANS = 2000;
const HALF = GUARDIANS / 2;
// Monday 23 November 2026, 18:00 in Paris: the day's digest is due
const NOW = new Date('2026-11-23T17:00:00Z');
// the restart comes later than any SMTP transaction lasts: the interrupted claim is settled then
const RESTART = new Date(NOW.getTime() + 10 * 60_000);
const PERIOD_KEY = '2026-11-23';
const FROM = 'Préau <no-reply@preau.invalid>';

/** A school of 2,000 guardians with an address, each with one unseen message (daily by email by default). */
async function seed(database: Database) {
  const db = database.db;
  const school = await createSchool(db, { name: 'Collège du crash' });
  const tag = school.uai.toLowerCase();
  const ids: string[] = [];
  for (let i = 0; i < GUARDIANS; i += 500) {
    const rows = Array.from({ length: Math.min(500, GUARDIANS - i) }, (_, k) => ({
      login: `crash.${tag}.${i + k}`,
      firstName: 'Parent',
      lastName: `N°${i + k}`,
      email: `parent${i + k}.${tag}@exemple.fr`,
    }));
    const inserted = await db.insert(people).values(rows).returning({ id: people.id });
    ids.push(...inserted.map((r) => r.id));
    await db.insert(memberships).values(inserted.map((r) => ({ personId: r.id, schoolId: school.id, profile: 'guardian' as const, externalId: null })));
    await db.insert(notifications).values(
      inserted.map((r, k) => ({
        schoolId: school.id,
        personId: r.id,
        category: 'message' as const,
        dedupeKey: `message:crash-${randomUUID()}:${r.id}`,
        title: 'Message de la vie scolaire',
        body: `Rendez-vous n°${i + k} — merci de confirmer`,
        url: '/#/messagerie',
        createdAt: new Date(NOW.getTime() - 3600_000),
      })),
    );
  }
  const [row] = await db.select().from(schools).where(eq(schools.id, school.id));
  return { school: row, ids };
}

const statuses = async (database: Database, runId?: string) =>
  rawRows<{ status: string; n: number }>(
    database.db,
    sql`select status, count(*)::int as n from digest_sends ${runId ? sql`where run_id = ${runId}` : sql``} group by status order by status`,
  );

/** Exactly one message per guardian at the sink, and every one of them recorded as sent. */
async function expectExactlyOnce(database: Database, sink: SmtpSink, runId?: string) {
  expect(sink.messages).toHaveLength(GUARDIANS);
  expect(new Set(sink.messages.map((m) => m.to.join(','))).size).toBe(GUARDIANS);
  expect(await statuses(database, runId)).toEqual([{ status: 'sent', n: GUARDIANS }]);
}

describe('a digest run interrupted midway and resumed', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let sink: SmtpSink;
  let seeded: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    ({ database, drop } = await openEmptyDatabase('digest_crash'));
    sink = await startSmtpSink();
    seeded = await seed(database);
  }, 60_000);
  afterAll(async () => {
    await sink?.close();
    await drop?.();
  });

  // two processes cannot open one PGlite: the real kill needs PostgreSQL; the embedded run of the
  // suite interrupts the run in-process instead (below), so each database still proves it
  const realKill: [string, () => Promise<void>, number] = [
    'killed with SIGKILL after 1,000 digests and restarted, delivers exactly one digest to each of 2,000 guardians',
    async () => {
      const worker = (now: Date) =>
        spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'digest-worker.ts')], {
          env: {
            ...process.env,
            DIGEST_DATABASE_URL: database.url!,
            DIGEST_SCHOOL_ID: seeded.school.id,
            DIGEST_PERIOD_KEY: PERIOD_KEY,
            DIGEST_NOW: now.toISOString(),
            SMTP_URL: sink.url,
            // one lane: the interruption's window is the one message in flight (see runDigest)
            DIGEST_CONCURRENCY: '1',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      const exited = (child: ChildProcess) => {
        let out = '';
        let err = '';
        child.stdout!.on('data', (c) => (out += c));
        child.stderr!.on('data', (c) => (err += c));
        return new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) =>
          child.on('exit', (code, signal) => resolve({ code, signal, out, err })),
        );
      };

      const first = worker(NOW);
      const firstExit = exited(first);
      // killed the moment the sink has the 1,000th message, before the worker reads the answer
      await Promise.race([sink.waitFor(HALF, 45_000), firstExit.then((r) => Promise.reject(new Error(`worker exited early: ${r.code} ${r.err}`)))]);
      first.kill('SIGKILL');
      expect((await firstExit).signal).toBe('SIGKILL');
      const atKill = sink.messages.length;
      expect(atKill).toBeGreaterThanOrEqual(HALF);
      expect(atKill).toBeLessThan(GUARDIANS);
      // every claim made so far went out: the one possibly left 'sending' reached the server
      const before = await statuses(database);
      expect(before.reduce((sum, s) => sum + s.n, 0)).toBe(atKill);
      expect(before.filter((s) => !['sent', 'sending'].includes(s.status))).toEqual([]);

      const second = exited(worker(RESTART));
      const result = await second;
      expect(result.code, result.err).toBe(0);
      const outcome = JSON.parse(result.out.trim().split('\n').at(-1)!) as DigestOutcome;
      expect(outcome).toMatchObject({ finished: true, sent: GUARDIANS - atKill, skipped: atKill, failed: 0 });
      await new Promise((r) => setTimeout(r, 200));
      await expectExactlyOnce(database, sink, outcome.runId);
    },
    60_000,
  ];

  const simulatedCrash: [string, () => Promise<void>, number] = ['stopped by a mailer failure after 1,000 digests and resumed, delivers exactly one digest to each of 2,000 guardians', async () => {
    const real = createMailer({ smtpUrl: sink.url, dataDir: '/tmp/preau-test-unused', from: FROM });
    // the 1,000th message reaches the server, then the process "dies" before recording it
    let sent = 0;
    const crashing: Mailer = {
      async send(mail) {
        const result = await real.send(mail);
        if (++sent === HALF) throw new Error('simulated crash after the SMTP answer');
        return result;
      },
      close: () => {},
    };
    const log = pino({ level: 'silent' });
    const deps = (mailer: Mailer, now: Date) => ({ db: database.db, clock: { now: () => now }, log, mailer, publicUrl: 'http://preau.test' });
    try {
      await expect(runDigest(deps(crashing, NOW), seeded.school, 'daily', PERIOD_KEY)).rejects.toThrow('simulated crash');
      const atCrash = sink.messages.length;
      expect(atCrash).toBeGreaterThanOrEqual(HALF);
      expect(atCrash).toBeLessThan(GUARDIANS);
      const before = await statuses(database);
      expect(before.find((s) => s.status === 'sending')?.n).toBe(1);
      expect(before.reduce((sum, s) => sum + s.n, 0)).toBe(atCrash);

      const outcome = await runDigest(deps(real, RESTART), seeded.school, 'daily', PERIOD_KEY);
      expect(outcome).toMatchObject({ finished: true, ambiguous: 1, sent: GUARDIANS - atCrash, skipped: atCrash, failed: 0 });
      await expectExactlyOnce(database, sink, outcome.runId);
      // a third start finds the run finished
      expect(await runDigest(deps(real, RESTART), seeded.school, 'daily', PERIOD_KEY)).toMatchObject({ alreadyFinished: true, sent: 0 });
      expect(sink.messages).toHaveLength(GUARDIANS);
    } finally {
      real.close();
    }
  }, 60_000];

  // one test either way: the real kill where two processes can share the database, else the in-process crash
  it(...(testDatabaseUrl ? realKill : simulatedCrash));
});
