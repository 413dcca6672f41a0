import { and, eq } from 'drizzle-orm';
import { messages, people, schools } from '../../../db/schema';
import type { HubDeps } from '../../http/deps';
import { authorize } from '../../authz/registry';
import type { Actor } from '../../authz/actor';
import { inTransaction } from '../../platform/outbox';
import { deliverDue, DELIVER_JOB } from './delivery';
import { messagingSettings } from './send-limits';
import { personRef, releaseMessage, SEND_JOB } from './send.service';

type MessageJob = { messageId: string; schoolId: string };

export async function createMessagingQueues(deps: HubDeps): Promise<void> {
  await deps.jobs!.createQueue(SEND_JOB);
  await deps.jobs!.createQueue(DELIVER_JOB);
}

/**
 * Scheduled sends and copies held for a teacher's hours, polled every second. A scheduled
 * message due while sending is frozen becomes held (direction's own go); one cancelled or
 * moved since the job was queued is left alone.
 */
export async function registerMessagingJobs(deps: HubDeps): Promise<void> {
  await deps.jobs!.work<MessageJob>(SEND_JOB, { pollingIntervalSeconds: 1 }, async ([job]) => {
    const now = deps.clock.now();
    await inTransaction(deps, async (uow) => {
      const [school] = await uow.tx.select().from(schools).where(eq(schools.id, job.data.schoolId));
      const [message] = await uow.tx
        .select()
        .from(messages)
        .where(and(eq(messages.id, job.data.messageId), eq(messages.status, 'scheduled')))
        .for('update');
      if (!school || !message || !message.sendAt || message.sendAt.getTime() > now.getTime() + 1000) return;
      const author = { personId: message.authorId, schoolId: school.id, profile: message.authorProfile } as Actor;
      if (messagingSettings(school).frozen && !authorize(author, 'messaging.send_while_frozen', { schoolId: school.id })) {
        await uow.tx.update(messages).set({ status: 'held', updatedAt: now }).where(eq(messages.id, message.id));
        return;
      }
      await releaseMessage(uow, deps, school, message, now);
    });
    deps.log.info({ messageId: job.data.messageId }, 'scheduled message checked');
  });
  await deps.jobs!.work<MessageJob>(DELIVER_JOB, { pollingIntervalSeconds: 1 }, async ([job]) => {
    const now = deps.clock.now();
    const done = await inTransaction(deps, async (uow) => {
      const [school] = await uow.tx.select().from(schools).where(eq(schools.id, job.data.schoolId));
      const [message] = await uow.tx.select().from(messages).where(eq(messages.id, job.data.messageId));
      if (!school || !message || message.recalledAt) return 0;
      const [author] = await uow.tx.select().from(people).where(eq(people.id, message.authorId));
      return deliverDue(uow, school, personRef(author, message.authorProfile), message, now);
    });
    deps.log.info({ messageId: job.data.messageId, delivered: done }, 'deferred copies delivered');
  });
}
