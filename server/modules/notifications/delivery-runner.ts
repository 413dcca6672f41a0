import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { rawRows } from '../../../db/raw-rows';
import { emailSuppressions, notificationDeliveries, notifications, people, pushSubscriptions, schools } from '../../../db/schema';
import { PUSH_DELIVERY } from '../../contracts/notifications';
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import type { Mailer } from './email/mailer';
import { prepareTemplates, renderAlert } from './email/templates';
import { isSuppressed, unsubscribeSecret, unsubscribeToken, unsubscribeUrl } from './email/unsubscribe';
import { preferencesOf } from './notification-settings';
import { backoffMs, fitPayload, topicFor, type PushOutcome, type PushSender } from './push-sender';

const BATCH = 100;
const MAX_ATTEMPTS = 8;
/** A delivery claimed by a worker that died is claimed again after this long (at-least-once). */
const CLAIM_TIMEOUT_MS = 5 * 60_000;

type Claimed = { id: string; notification_id: string; person_id: string; channel: 'push' | 'email'; attempts: number };

export interface EmailDeps {
  mailer: Mailer;
  /** Read at send time: links in emails follow the configured public address. */
  publicUrl: () => string;
}

/**
 * Sends due deliveries, claimed with SKIP LOCKED so several worker nodes share them. Read
 * suppression is checked at send time: what was seen or acknowledged meanwhile is not sent.
 * Without a mailer, email deliveries stay pending for a node that has one.
 */
export class DeliveryRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  private secret: Promise<string> | null = null;

  constructor(private readonly deps: { db: Db; clock: Clock; log: Logger; push: PushSender; email?: EmailDeps }) {}

  start(everyMs = 1000): void {
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .catch((err) => this.deps.log.error({ err }, 'notification deliveries failed'))
        .finally(() => (this.running = null));
    }, everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass: claims and sends what is due; returns how many deliveries it handled. */
  async runOnce(): Promise<number> {
    const now = this.deps.clock.now();
    const channels = this.deps.email ? sql`channel in ('push', 'email')` : sql`channel = 'push'`;
    const claimed = await rawRows<Claimed>(
      this.deps.db,
      sql`update notification_deliveries d set status = 'sending', attempts = d.attempts + 1, last_attempt_at = ${now.toISOString()}::timestamptz
        where d.id in (
          select id from notification_deliveries
          where ${channels} and ((status = 'pending' and due_at <= ${now.toISOString()}::timestamptz)
            or (status = 'sending' and last_attempt_at < ${new Date(now.getTime() - CLAIM_TIMEOUT_MS).toISOString()}::timestamptz))
          order by due_at limit ${BATCH} for update skip locked)
        returning d.id, d.notification_id, d.person_id, d.channel, d.attempts`,
    );
    await Promise.all(
      claimed.map((c) =>
        (c.channel === 'email' ? this.deliverEmail(c, now, this.deps.email!) : this.deliverPush(c, now)).catch(async (err) => {
          // a crash here must not leave the delivery claimed until the timeout: it is tried again later
          this.deps.log.error({ err, delivery: c.id }, 'notification delivery failed');
          await this.retryOrFail(c, now, `error ${(err as Error).message}`.slice(0, 500));
        }),
      ),
    );
    return claimed.length;
  }

  private async finish(id: string, set: Partial<typeof notificationDeliveries.$inferInsert>): Promise<void> {
    await this.deps.db.update(notificationDeliveries).set(set).where(eq(notificationDeliveries.id, id));
  }

  private async deliverPush(c: Claimed, now: Date): Promise<void> {
    const [n] = await this.deps.db.select().from(notifications).where(eq(notifications.id, c.notification_id));
    if (!n || n.seenAt || n.acknowledgedAt) return this.finish(c.id, { status: 'suppressed', response: 'seen in the app' });
    const devices = await this.deps.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.personId, c.person_id));
    if (devices.length === 0) return this.finish(c.id, { status: 'skipped', response: 'no device' });
    const delivery = PUSH_DELIVERY[n.category];
    const message = fitPayload({ title: n.title, body: n.body, url: n.url, tag: n.dedupeKey.split(':').slice(0, 2).join(':') });
    const outcomes = await Promise.all(
      devices.map(async (d) => {
        const outcome = await this.deps.push.send(d, message, { ttlSeconds: delivery.ttlSeconds, urgency: delivery.urgency, topic: topicFor(n.dedupeKey), attempt: c.attempts - 1 });
        return { device: d, outcome };
      }),
    );
    const gone = outcomes.filter((o) => o.outcome.kind === 'gone').map((o) => o.device.id);
    if (gone.length) await this.deps.db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, gone));
    const sentTo = outcomes.filter((o) => o.outcome.kind === 'sent').map((o) => o.device.id);
    if (sentTo.length) await this.deps.db.update(pushSubscriptions).set({ lastSuccessAt: now }).where(inArray(pushSubscriptions.id, sentTo));
    const response = outcomes.map((o) => describe(o.outcome)).join('; ').slice(0, 500);
    if (sentTo.length) return this.finish(c.id, { status: 'sent', sentAt: now, response });
    const retries = outcomes.map((o) => o.outcome).filter((o): o is Extract<PushOutcome, { kind: 'retry' }> => o.kind === 'retry');
    if (retries.length && c.attempts < MAX_ATTEMPTS) {
      const wait = Math.max(...retries.map((r) => r.retryAfterMs || backoffMs(c.attempts)));
      return this.finish(c.id, { status: 'pending', dueAt: new Date(now.getTime() + wait), response });
    }
    return this.finish(c.id, { status: gone.length === devices.length ? 'skipped' : 'failed', response });
  }

  private retryOrFail(c: Claimed, now: Date, response: string): Promise<void> {
    if (c.attempts < MAX_ATTEMPTS) return this.finish(c.id, { status: 'pending', dueAt: new Date(now.getTime() + backoffMs(c.attempts)), response });
    return this.finish(c.id, { status: 'failed', response });
  }

  /**
   * One notification by email. Not sent when seen or acknowledged meanwhile (escalations
   * included: that is their point), when the address is suppressed, or when the person turned
   * these emails off since. A permanent refusal suppresses the address for good.
   */
  private async deliverEmail(c: Claimed, now: Date, email: EmailDeps): Promise<void> {
    const db = this.deps.db;
    const [row] = await db
      .select({ n: notifications, d: { escalation: notificationDeliveries.escalation }, email: people.email, school: schools })
      .from(notificationDeliveries)
      .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
      .innerJoin(people, eq(people.id, notificationDeliveries.personId))
      .innerJoin(schools, eq(schools.id, notifications.schoolId))
      .where(eq(notificationDeliveries.id, c.id));
    if (!row) return this.finish(c.id, { status: 'skipped', response: 'notification removed' });
    const { n, school } = row;
    if (n.seenAt || n.acknowledgedAt) return this.finish(c.id, { status: 'suppressed', response: 'seen in the app' });
    const to = row.email?.trim();
    if (!to) return this.finish(c.id, { status: 'skipped', response: 'no email address' });
    if (await isSuppressed(db, to)) return this.finish(c.id, { status: 'skipped', response: 'address suppressed' });
    if (!row.d.escalation) {
      // an unsubscribe or a change of preferences after routing still stops what is pending
      const matrix = (await preferencesOf(db, school, [c.person_id])).get(c.person_id)!;
      if (matrix[n.category].email !== 'immediate') return this.finish(c.id, { status: 'skipped', response: 'email turned off' });
    }
    await prepareTemplates();
    this.secret ??= unsubscribeSecret(db).catch((err) => {
      this.secret = null;
      throw err;
    });
    const publicUrl = email.publicUrl();
    const unsubscribe = unsubscribeUrl(publicUrl, unsubscribeToken(await this.secret, { personId: c.person_id, schoolId: school.id, scope: 'alerts' }));
    const mail = renderAlert({ name: school.name, color: school.branding.color, logoUrl: school.branding.logoUrl, publicUrl }, { title: n.title, body: n.body, url: n.url, category: n.category }, unsubscribe);
    const result = await email.mailer.send({ to, ...mail, listUnsubscribeUrl: unsubscribe });
    if (result.ok) return this.finish(c.id, { status: 'sent', sentAt: now, response: result.response });
    if (result.permanent) {
      await db.insert(emailSuppressions).values({ email: to.toLowerCase(), reason: 'bounced', detail: result.response.slice(0, 500), createdAt: now }).onConflictDoNothing();
      return this.finish(c.id, { status: 'failed', response: result.response });
    }
    return this.retryOrFail(c, now, result.response);
  }
}

function describe(o: PushOutcome): string {
  switch (o.kind) {
    case 'sent':
    case 'gone':
      return `${o.kind} ${o.status}`;
    case 'retry':
      return `retry ${o.status} after ${o.retryAfterMs} ms`;
    case 'refused':
      return `refused ${o.reason}`;
    default:
      return `failed ${o.status ?? ''} ${o.detail}`.trim();
  }
}

