/**
 * The daily email digest of a collège with 10,000 guardians, each with three unseen messages:
 * one real run of runDigest (recipients and preferences, per-batch item reads, a claim row, the
 * rendering, the SMTP transaction and the 'sent' row per guardian) through the mailer's SMTP
 * pool to the tests' SMTP sink. Measured from the call to the sink's receipt of the last email.
 * Target: ≥ 20,000 digests a minute.
 *
 * Baseline in the same run, for the rendering: the same 10,000 digests rendered with the
 * templates compiled once (renderDigest), against compiling the MJML per recipient (the same
 * values filled into the MJML source, then mjml2html). mjml2html takes tens of milliseconds an
 * email, so it is measured on an evenly spread sample (BENCH_MJML_SAMPLE, 200) and extrapolated
 * to all recipients; the report says so.
 *
 * The sink (parsing every email) runs in a child process on a CPU of its own (lib/pinning): it is
 * the recipients' work. No hub is started: the digest worker needs only the database and the
 * mailer (a hub's minute tick could also start this school's run behind the measurement's back).
 *
 * Environment: BENCH_GUARDIANS (10000), BENCH_ITEMS (3 per guardian), BENCH_CONCURRENCY (digests
 * in flight, runDigest's default otherwise), BENCH_MJML_SAMPLE (200), BENCH_DATABASE_URL
 * (PostgreSQL instead of an in-memory PGlite; the run adds its own school and removes it),
 * BENCH_ANALYZE=1|0 (as in the other benchmarks), BENCH_PIN=0 (no CPU pinning).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { openDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { rawRows } from '../db/raw-rows';
import { toZonedDate } from '../server/contracts/zoned-time';
import { runDigest, type DigestOutcome } from '../server/modules/notifications/digest.service';
import { createMailer } from '../server/modules/notifications/email/mailer';
import { CATEGORY_LABELS, escapeHtml, prepareTemplates, renderDigest, templateSources, type DigestContent, type SchoolBrand } from '../server/modules/notifications/email/templates';
import { benchLog, cleanupSteps, envInt } from './lib/harness';
import { pinBenchProcess } from './lib/pinning';
import { fmt, formatTable, machineInfo, processCpuMs, resultHead, writeResult } from './lib/report';
import { analyzeSeededTables, removeSchool, seedCollege } from './lib/seed';
import { now, sleep } from './lib/stats';

export const name = 'digests';

const PUBLIC_URL = 'https://preau.college-jean-moulin.fr';
const SENDERS = ['Mme Moreau', 'M. Bernard', 'la vie scolaire', 'le secrétariat', 'Mme Vasseur'];
const SUBJECTS = ['Sortie au musée du Louvre', 'Conseil de classe du 2e trimestre', 'Carnet de correspondance', 'Rendez-vous parents-professeurs', 'Menu de la cantine'];

type SinkCount = { type: 'count'; messages: number; recipients: number; bytes: number; lastAt: number; cpuMs: number };

/** The SMTP sink child (lib/smtp-sink-process), on its own CPU when pinned. */
async function startSinkProcess(cpu: number | null) {
  const file = fileURLToPath(new URL('./lib/smtp-sink-process.ts', import.meta.url));
  const node = [process.execPath, '--import', 'tsx', file];
  const [command, ...args] = cpu == null ? node : ['taskset', '-c', String(cpu), ...node];
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`SMTP sink exited (${code})`)));
    child.once('message', (m: { type: string; url: string }) => resolve(m.url));
  });
  const count = () =>
    new Promise<SinkCount>((resolve) => {
      const on = (m: SinkCount) => {
        if (m.type !== 'count') return;
        child.off('message', on);
        resolve(m);
      };
      child.on('message', on);
      child.send({ type: 'count' });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send({ type: 'close' });
    });
  return { url, count, close };
}

/** The values renderDigest fills in, built the same way, for the per-recipient MJML baseline. */
function mjmlValues(brand: SchoolBrand, d: DigestContent, unsubscribeUrl: string): Record<string, string> {
  const total = d.sections.reduce((n, s) => n + s.items.length, 0);
  const heading = d.period === 'daily' ? 'Votre résumé du jour' : 'Votre résumé de la semaine';
  const intro = `Voici ce qui s’est passé aujourd’hui à ${brand.name}.`;
  const sections = d.sections
    .map(
      (s) =>
        `<h2 style="font-size:16px;margin:20px 0 8px 0;color:${brand.color}">${escapeHtml(CATEGORY_LABELS[s.category])} (${s.items.length})</h2>` +
        `<table role="presentation" width="100%">${s.items
          .map((i) => `<tr><td><a href="${escapeHtml(brand.publicUrl + i.url)}">${escapeHtml(i.title)}</a><br /><span>${escapeHtml(i.body)}</span><br /><span>${escapeHtml(i.at)}</span></td></tr>`)
          .join('')}</table>`,
    )
    .join('');
  return {
    subject: `${heading} : ${total} nouveautés — ${brand.name}`,
    preview: intro,
    school: brand.name,
    logo_url: '',
    heading,
    person: d.personName,
    intro,
    raw_sections: sections,
    link: `${brand.publicUrl}/`,
    footer: 'Vous recevez ce résumé quotidien car vos préférences de notification dans Préau le prévoient.',
    unsubscribe_url: unsubscribeUrl,
    unsubscribe_label: 'Ne plus recevoir de résumés',
  };
}

export async function run(): Promise<void> {
  const params = {
    guardians: envInt('BENCH_GUARDIANS', 10_000),
    itemsPerGuardian: envInt('BENCH_ITEMS', 3),
    concurrency: process.env.BENCH_CONCURRENCY ? envInt('BENCH_CONCURRENCY', 16) : null,
    mjmlSample: envInt('BENCH_MJML_SAMPLE', 200),
    targetPerMinute: 20_000,
    analyze: analyzeSeededTables(),
  };
  const log = benchLog(name);
  const machine = machineInfo();
  const { placement, release: releaseCpus } = pinBenchProcess();
  const database = await openDatabase({ url: process.env.BENCH_DATABASE_URL || undefined, maxConnections: 10 });
  await migrateDatabase(database);
  const db = database.db;
  log(`database ${database.driver}`);
  const sink = await startSinkProcess(placement.loadGenerator);
  const mailer = createMailer({ smtpUrl: sink.url, dataDir: join(tmpdir(), 'preau-bench-unused'), from: 'Préau <no-reply@preau.invalid>' });
  let seeded: Awaited<ReturnType<typeof seedCollege>> | undefined;
  try {
    // --- data: two guardians per student, each with an address and a few unseen messages today
    const seedStart = now();
    const s = await seedCollege(db, { students: Math.ceil(params.guardians / 2), classes: Math.max(1, Math.ceil(params.guardians / 60)) });
    seeded = s;
    const { school } = s;
    const at = new Date();
    await db.execute(sql`update people p set email = p.login || '@exemple.fr' from memberships m
      where m.person_id = p.id and m.school_id = ${school.id} and m.profile = 'guardian'`);
    await db.execute(sql`insert into notifications (school_id, person_id, category, dedupe_key, title, body, url, created_at)
      select ${school.id}, m.person_id, 'message', 'bench:' || m.person_id || ':' || k,
        'Message de ' || (${JSON.stringify(SENDERS)}::jsonb ->> ((k + ascii(m.person_id::text)) % ${SENDERS.length})),
        (${JSON.stringify(SUBJECTS)}::jsonb ->> ((k * 7 + ascii(right(m.person_id::text, 1))) % ${SUBJECTS.length})) || ' — ' || p.first_name || ', merci de prendre connaissance du message joint.',
        '/#/messagerie/fil/' || gen_random_uuid(), ${at.toISOString()}::timestamptz - k * interval '37 minutes'
      from memberships m join people p on p.id = m.person_id, generate_series(1, ${params.itemsPerGuardian}) k
      where m.school_id = ${school.id} and m.profile = 'guardian'`);
    if (params.analyze) await db.execute(sql.raw('analyze people, memberships, notifications, notification_preferences, digest_sends'));
    const seedMs = now() - seedStart;
    log(`seeded ${s.guardianIds.length} guardians with ${params.itemsPerGuardian} messages each in ${fmt(seedMs / 1000)} s`);

    const compileStart = now();
    await prepareTemplates();
    const compileMs = now() - compileStart;

    // --- the run
    const periodKey = toZonedDate(at, school.timeZone);
    const sinkBefore = await sink.count();
    const cpuBefore = processCpuMs();
    const start = now();
    const outcome: DigestOutcome = await runDigest(
      { db, clock: { now: () => at }, log: pino({ level: 'warn' }), mailer, publicUrl: PUBLIC_URL },
      school,
      'daily',
      periodKey,
      params.concurrency ? { concurrency: params.concurrency } : {},
    );
    const runMs = now() - start;
    const cpuMs = processCpuMs() - cpuBefore;
    let sunk = await sink.count();
    const deadline = now() + 60_000;
    while (sunk.messages - sinkBefore.messages < outcome.sent && now() < deadline) {
      await sleep(20);
      sunk = await sink.count();
    }
    const received = sunk.messages - sinkBefore.messages;
    const toLastReceiptMs = Math.max(runMs, sunk.lastAt - start);
    const perMinute = (received / toLastReceiptMs) * 60_000;
    log(`run: ${outcome.sent} sent, ${received} received in ${fmt(toLastReceiptMs / 1000)} s`);

    // --- rendering: compiled templates against mjml2html per recipient, on the same digests
    const rows = await rawRows<{ person_id: string; first_name: string; last_name: string; title: string; body: string; url: string; created_at: string | Date }>(
      db,
      sql`select n.person_id, p.first_name, p.last_name, n.title, n.body, n.url, n.created_at from notifications n join people p on p.id = n.person_id
        where n.school_id = ${school.id} order by n.person_id, n.created_at`,
    );
    const byPerson = new Map<string, DigestContent>();
    const atText = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: school.timeZone });
    for (const r of rows) {
      let d = byPerson.get(r.person_id);
      if (!d) byPerson.set(r.person_id, (d = { personName: `${r.first_name} ${r.last_name}`, period: 'daily', sections: [{ category: 'message', items: [] }] }));
      d.sections[0].items.push({ title: r.title, body: r.body, url: r.url, at: atText.format(new Date(r.created_at)) });
    }
    const digests = [...byPerson.values()];
    const brand: SchoolBrand = { name: school.name, color: school.branding.color, logoUrl: school.branding.logoUrl, publicUrl: PUBLIC_URL };
    const unsubscribe = `${PUBLIC_URL}/u/${'x'.repeat(87)}`;
    for (let i = 0; i < 200; i++) renderDigest(brand, digests[i % digests.length], unsubscribe);
    const renderStart = now();
    let htmlBytes = 0;
    for (const d of digests) htmlBytes += renderDigest(brand, d, unsubscribe).html.length;
    const compiledMs = now() - renderStart;

    type Mjml2Html = (mjml: string, options?: Record<string, unknown>) => Promise<{ html: string; errors: unknown[] }>;
    const mjml2html = createRequire(import.meta.url)('mjml') as Mjml2Html;
    const source = templateSources().digest.plain;
    const fillMjml = (d: DigestContent) => {
      const values = mjmlValues(brand, d, unsubscribe);
      return source.replace(/\{\{(\w+)\}\}/g, (_, k: string) => (k.startsWith('raw_') ? values[k] : escapeHtml(values[k] ?? '')));
    };
    for (let i = 0; i < 5; i++) await mjml2html(fillMjml(digests[i % digests.length]), { validationLevel: 'strict', keepComments: false });
    const sample = Array.from({ length: Math.min(params.mjmlSample, digests.length) }, (_, k) => digests[Math.floor((k * digests.length) / Math.min(params.mjmlSample, digests.length))]);
    const mjmlStart = now();
    let mjmlErrors = 0;
    for (const d of sample) mjmlErrors += (await mjml2html(fillMjml(d), { validationLevel: 'strict', keepComments: false })).errors.length;
    const mjmlMs = now() - mjmlStart;
    const compiledUs = (compiledMs * 1000) / digests.length;
    const mjmlUs = (mjmlMs * 1000) / sample.length;
    const mjmlExtrapolatedS = (mjmlUs * digests.length) / 1e6;

    // --- report
    const met = perMinute >= params.targetPerMinute && received === outcome.sent && sunk.recipients - sinkBefore.recipients === received;
    const table = formatTable(
      ['measure', 'emails', 'total s', 'per email µs', 'per minute', 'note'],
      [
        ['digest run → last email at the sink', received, toLastReceiptMs / 1000, (toLastReceiptMs * 1000) / Math.max(1, received), Math.round(perMinute), `target ≥ ${params.targetPerMinute}/min: ${met ? 'MET' : 'MISSED'}`],
        ['render, templates compiled once', digests.length, compiledMs / 1000, compiledUs, Math.round((digests.length / compiledMs) * 60_000), 'all recipients'],
        ['render, mjml2html per recipient', digests.length, mjmlExtrapolatedS, mjmlUs, Math.round((60e6 / mjmlUs)), `sample of ${sample.length}, extrapolated`],
        ['ratio mjml2html / compiled', '', '', `${fmt(mjmlUs / compiledUs)}×`, '', ''],
      ],
    );
    const rate = (ms: number) => fmt((ms / Math.max(1, received)) * 1000);
    console.log(
      [
        '',
        `${name}: daily digest of ${s.guardianIds.length} guardians × ${params.itemsPerGuardian} unseen messages, ${database.driver}${params.analyze ? ' (analyzed)' : ''}, ` +
          `concurrency ${params.concurrency ?? 'default'}, ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, ` +
          (placement.bench === null ? placement.reason : `bench on CPU ${placement.bench}, SMTP sink on CPU ${placement.loadGenerator}`),
        table,
        `outcome: ${outcome.sent} sent, ${outcome.failed} failed, ${outcome.empty} empty, ${outcome.skipped} skipped; sink: ${received} emails to ${sunk.recipients - sinkBefore.recipients} distinct recipients, ` +
          `${fmt((sunk.bytes - sinkBefore.bytes) / Math.max(1, received) / 1024)} KiB each; html ${fmt(htmlBytes / digests.length / 1024)} KiB`,
        `runDigest returned after ${fmt(runMs / 1000)} s; this process's CPU during it ${fmt(cpuMs / 1000)} s (${rate(cpuMs)} µs an email), ` +
          `sink process CPU ${fmt((sunk.cpuMs - sinkBefore.cpuMs) / 1000)} s; templates compiled once in ${fmt(compileMs)} ms`,
        `mjml2html per recipient measured on ${sample.length} of ${digests.length} digests (evenly spread) and extrapolated: ${fmt(mjmlExtrapolatedS)} s for all, against ${fmt(compiledMs / 1000)} s compiled` +
          (mjmlErrors ? `; ${mjmlErrors} MJML validation errors` : ''),
        '',
      ].join('\n'),
    );
    const file = writeResult(name, {
      ...resultHead({ name, machine, databaseDriver: database.driver, placement, parameters: params }),
      seedMs,
      target: { perMinute: params.targetPerMinute, met },
      run: { outcome, runMs, toLastReceiptMs, received, distinctRecipients: sunk.recipients - sinkBefore.recipients, perMinute, cpuMs, sinkCpuMs: sunk.cpuMs - sinkBefore.cpuMs, bytesPerEmail: (sunk.bytes - sinkBefore.bytes) / Math.max(1, received) },
      render: {
        compileOnceMs: compileMs,
        compiled: { emails: digests.length, totalMs: compiledMs, perEmailUs: compiledUs, htmlBytesPerEmail: htmlBytes / digests.length },
        mjmlPerRecipient: { sample: sample.length, sampleMs: mjmlMs, perEmailUs: mjmlUs, extrapolatedTo: digests.length, extrapolatedS: mjmlExtrapolatedS, validationErrors: mjmlErrors },
        ratio: mjmlUs / compiledUs,
      },
    });
    log(`results written to ${file}`);
  } finally {
    const step = cleanupSteps(name);
    mailer.close();
    await step('SMTP sink', () => sink.close());
    if (database.driver === 'postgres' && seeded) {
      const s = seeded;
      await step('database cleanup', () => removeSchool(db, s.school, [...s.teacherIds, ...s.studentIds, ...s.guardianIds]));
    }
    await step('database', () => database.close());
    releaseCpus();
  }
}
