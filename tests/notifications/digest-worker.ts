/**
 * One digest run in a process of its own, for the crash test: opens the database named by
 * DIGEST_DATABASE_URL, runs (or resumes) the daily digest DIGEST_PERIOD_KEY of DIGEST_SCHOOL_ID
 * through the SMTP server at SMTP_URL with the clock fixed at DIGEST_NOW, and prints the outcome
 * as one JSON line. The test kills it midway and starts it again.
 */
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { openDatabase } from '../../db/client';
import { schools } from '../../db/schema';
import { runDigest } from '../../server/modules/notifications/digest.service';
import { createMailer } from '../../server/modules/notifications/email/mailer';

const env = (key: string) => {
  const v = process.env[key];
  if (!v) throw new Error(`${key} is required`);
  return v;
};

const database = await openDatabase({ url: env('DIGEST_DATABASE_URL'), maxConnections: 4 });
const mailer = createMailer({ smtpUrl: env('SMTP_URL'), dataDir: '/tmp/preau-test-unused', from: 'Préau <no-reply@preau.invalid>' });
try {
  const [school] = await database.db.select().from(schools).where(eq(schools.id, env('DIGEST_SCHOOL_ID')));
  const now = new Date(env('DIGEST_NOW'));
  const outcome = await runDigest(
    { db: database.db, clock: { now: () => now }, log: pino({ level: 'silent' }), mailer, publicUrl: 'http://preau.test' },
    school,
    'daily',
    env('DIGEST_PERIOD_KEY'),
    { concurrency: Number(process.env.DIGEST_CONCURRENCY ?? 1) },
  );
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
} finally {
  mailer.close();
  await database.close();
}
