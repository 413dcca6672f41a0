import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { schools } from '../../../db/schema';
import { groupMembers, newsAttachments, newsItems, newsRecipients, newsRevisions, people } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed, authorize } from '../../authz/registry';
import { channels } from '../../contracts/channels';
import type { AudienceTarget, NewsSave } from '../../contracts/news';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../platform/clock';
import { inTransaction, type OutboxDeps, type UnitOfWork } from '../../platform/outbox';
import { audienceChannels, recipientsQuery } from './audience';
import { toSummary, type NewsRow } from './news.dto';
import { checkNewsInput, type CheckedInput } from './news.input';
import { DEFAULT_DIRECT_PUBLISH, type DirectPublishRule } from './news.policy';
import { emitScreenNews } from '../signage/screen-news';

export type School = typeof schools.$inferSelect;
export interface NewsDeps extends OutboxDeps {
  clock: Clock;
}

export const NEWS_PUBLISH_JOB = 'news.publish';
export const NEWS_EXPIRE_JOB = 'news.expire';

/** The school's direct-publication rules (settings.news.directPublish over the defaults). */
export function directPublishRules(school: School): Record<string, DirectPublishRule> {
  const custom = (school.settings as any)?.news?.directPublish ?? {};
  return { ...DEFAULT_DIRECT_PUBLISH, ...custom };
}

/** Groups the actor teaches in this school (a teacher may publish to them without validation). */
export async function taughtGroupIds(deps: Pick<OutboxDeps, 'db'>, actor: Actor): Promise<Set<string>> {
  if (actor.profile !== 'teacher') return new Set();
  const rows = await deps.db
    .select({ id: groupMembers.groupId })
    .from(groupMembers)
    .where(and(eq(groupMembers.personId, actor.personId), eq(groupMembers.role, 'teacher')));
  return new Set(rows.map((r) => r.id));
}

export async function mayPublishDirectly(deps: Pick<OutboxDeps, 'db'>, actor: Actor, school: School, audience: AudienceTarget[]): Promise<boolean> {
  return authorize(actor, 'news.publishDirect', {
    schoolId: school.id,
    audience,
    taughtGroupIds: await taughtGroupIds(deps, actor),
    rules: directPublishRules(school),
  });
}

/** Creates an item as a draft, or publishes / schedules / submits it at once (intent 'publish'). */
export async function createNews(deps: NewsDeps, actor: Actor, school: School, input: NewsSave): Promise<string> {
  assertAllowed(actor, 'news.create', { schoolId: school.id });
  const now = deps.clock.now();
  const checked = await checkNewsInput(deps.db, actor, school.id, input, now);
  const direct = input.intent === 'publish' && (await mayPublishDirectly(deps, actor, school, checked.audience));
  return inTransaction(deps, async (uow) => {
    const [row] = await uow.tx
      .insert(newsItems)
      .values({ schoolId: school.id, authorId: actor.personId, ...itemValues(checked), status: 'draft' })
      .returning();
    await linkAttachments(uow, row.id, checked);
    if (input.intent === 'publish') await moveForward(uow, deps, actor, school, row, direct, now);
    return row.id;
  });
}

/** Edits an item; a published one keeps its audience, gets a revision and tells its readers. */
export async function updateNews(deps: NewsDeps, actor: Actor, school: School, id: string, input: NewsSave): Promise<void> {
  const now = deps.clock.now();
  const current = await loadItem(deps, school.id, id);
  assertAllowed(actor, 'news.edit', subjectOf(current));
  const checked = await checkNewsInput(deps.db, actor, school.id, input, now, id);
  if (current.status === 'published' && JSON.stringify(checked.audience) !== JSON.stringify(current.audience)) {
    throw new AppError('conflict', 'Le public d’une actualité publiée ne change pas : retirez-la puis publiez-en une nouvelle.');
  }
  const direct = input.intent === 'publish' && (await mayPublishDirectly(deps, actor, school, checked.audience));
  await inTransaction(deps, async (uow) => {
    const [locked] = await uow.tx.select().from(newsItems).where(eq(newsItems.id, id)).for('update');
    if (locked.status === 'published') {
      await uow.tx.insert(newsRevisions).values({ newsId: id, version: locked.version, title: locked.title, bodyHtml: locked.bodyHtml, editedBy: actor.personId });
    }
    const [row] = await uow.tx
      .update(newsItems)
      .set({ ...itemValues(checked), version: locked.status === 'published' ? locked.version + 1 : locked.version, updatedAt: now })
      .where(eq(newsItems.id, id))
      .returning();
    await linkAttachments(uow, id, checked);
    if (row.status === 'published') {
      await emitToAudience(uow, school, row, 'news.updated', await authorName(uow, row.authorId), now);
      await emitScreenNews(uow, school, row, { wasOnScreens: !!locked.onScreensFrom });
      if (row.expireAt && (!locked.expireAt || row.expireAt.getTime() !== locked.expireAt.getTime())) {
        await uow.enqueue(NEWS_EXPIRE_JOB, { newsId: id }, { startAfter: row.expireAt });
      }
    } else if (row.status === 'scheduled' && row.publishAt?.getTime() !== locked.publishAt?.getTime()) {
      // the earlier job finds a later publish_at and does nothing
      await scheduleOrPublish(uow, school, row, now);
    } else if (input.intent === 'publish' && row.status === 'draft') {
      await moveForward(uow, deps, actor, school, row, direct, now);
    }
  });
}

/** Direction approves (publishes or schedules) or sends back to the author with a comment. */
export async function reviewNews(deps: NewsDeps, actor: Actor, school: School, id: string, decision: 'approve' | 'return', comment: string): Promise<void> {
  const now = deps.clock.now();
  const current = await loadItem(deps, school.id, id);
  assertAllowed(actor, 'news.review', subjectOf(current));
  if (decision === 'return' && !comment) {
    throw new AppError('validation_failed', 'Expliquez à l’auteur ce qu’il faut changer.', [{ path: 'comment', message: 'commentaire requis' }]);
  }
  await inTransaction(deps, async (uow) => {
    const [row] = await uow.tx
      .update(newsItems)
      .set({ status: decision === 'approve' ? 'submitted' : 'draft', reviewComment: comment || null, reviewedBy: actor.personId, reviewedAt: now, updatedAt: now })
      .where(and(eq(newsItems.id, id), eq(newsItems.status, 'submitted')))
      .returning();
    if (!row) throw new AppError('conflict', 'Cette actualité a déjà été traitée.');
    if (decision === 'approve') await scheduleOrPublish(uow, school, row, now);
    await uow.emit(channels.user(row.authorId), 'news.reviewed', { newsId: id, title: row.title, decision, comment }, school.id);
  });
}

/** Unpublishes (or cancels) an item: it leaves every feed, live. */
export async function withdrawNews(deps: NewsDeps, actor: Actor, school: School, id: string): Promise<void> {
  const now = deps.clock.now();
  const current = await loadItem(deps, school.id, id);
  assertAllowed(actor, 'news.withdraw', subjectOf(current));
  await inTransaction(deps, async (uow) => {
    const [row] = await uow.tx
      .update(newsItems)
      .set({ status: 'archived', withdrawnAt: now, updatedAt: now })
      .where(and(eq(newsItems.id, id), inArray(newsItems.status, ['published', 'scheduled', 'submitted'])))
      .returning();
    if (!row) throw new AppError('conflict', 'Cette actualité n’est plus en ligne.');
    if (current.status === 'published') {
      for (const channel of audienceChannels(school.uai, row.audience)) {
        await uow.emit(channel, 'news.withdrawn', { newsId: id, reason: 'unpublished' }, school.id);
      }
      await emitScreenNews(uow, school, row, { wasOnScreens: !!current.onScreensFrom, gone: true });
    }
  });
}

/** Records a recipient's first read (or acknowledgement) and tells the author the new counts. */
export async function recordRead(deps: NewsDeps, actor: Actor, school: School, id: string, acknowledge: boolean): Promise<void> {
  const now = deps.clock.now();
  const current = await loadItem(deps, school.id, id);
  const [recipient] = await deps.db
    .select({ readAt: newsRecipients.readAt })
    .from(newsRecipients)
    .where(and(eq(newsRecipients.newsId, id), eq(newsRecipients.personId, actor.personId)));
  assertAllowed(actor, 'news.read', { ...subjectOf(current), isRecipient: !!recipient });
  if (acknowledge && current.ackMode === 'none') throw new AppError('conflict', 'Aucun accusé de lecture n’est demandé.');
  await inTransaction(deps, async (uow) => {
    const column = acknowledge ? newsRecipients.acknowledgedAt : newsRecipients.readAt;
    const changed = await uow.tx
      .update(newsRecipients)
      .set(acknowledge ? { acknowledgedAt: now, readAt: sql`coalesce(${newsRecipients.readAt}, ${now.toISOString()}::timestamptz)` } : { readAt: now })
      .where(and(eq(newsRecipients.newsId, id), eq(newsRecipients.personId, actor.personId), isNull(column)))
      .returning({ personId: newsRecipients.personId });
    if (changed.length === 0) return;
    const [counts] = await uow.tx
      .select({
        recipients: sql<number>`count(*)::int`,
        read: sql<number>`count(${newsRecipients.readAt})::int`,
        acknowledged: sql<number>`count(${newsRecipients.acknowledgedAt})::int`,
      })
      .from(newsRecipients)
      .where(eq(newsRecipients.newsId, id));
    // to the author, and to direction, who may be watching the figures of anyone's item
    const data = { newsId: id, title: current.title, ...counts };
    await uow.emit(channels.user(current.authorId), 'news.read', data, school.id);
    await uow.emit(channels.profile(school.uai, 'direction'), 'news.read', data, school.id);
  });
}

/** Job: publishes a scheduled item when its time has come (a later edit may have moved it). */
export async function publishDue(deps: NewsDeps, school: School, id: string): Promise<boolean> {
  const now = deps.clock.now();
  return inTransaction(deps, async (uow) => {
    const [row] = await uow.tx.select().from(newsItems).where(eq(newsItems.id, id)).for('update');
    // a second of slack: the job may start a hair before publish_at
    if (!row || row.status !== 'scheduled' || !row.publishAt || row.publishAt.getTime() > now.getTime() + 1000) return false;
    await goLive(uow, school, row, now);
    return true;
  });
}

/** Job: tells open feeds an item has expired (feeds also filter by expire_at on every read). */
export async function expireDue(deps: NewsDeps, school: School, id: string): Promise<boolean> {
  const now = deps.clock.now();
  return inTransaction(deps, async (uow) => {
    const [row] = await uow.tx.select().from(newsItems).where(eq(newsItems.id, id));
    if (!row || row.status !== 'published' || !row.expireAt || row.expireAt.getTime() > now.getTime() + 1000) return false;
    for (const channel of audienceChannels(school.uai, row.audience)) {
      await uow.emit(channel, 'news.withdrawn', { newsId: id, reason: 'expired' }, school.id);
    }
    await emitScreenNews(uow, school, row, { wasOnScreens: !!row.onScreensFrom, gone: true });
    return true;
  });
}

export async function loadItem(deps: Pick<OutboxDeps, 'db'>, schoolId: string, id: string): Promise<NewsRow> {
  const [row] = await deps.db.select().from(newsItems).where(and(eq(newsItems.id, id), eq(newsItems.schoolId, schoolId)));
  if (!row) throw notFound('Actualité introuvable.');
  return row;
}

export const subjectOf = (row: NewsRow) => ({ schoolId: row.schoolId, authorId: row.authorId, status: row.status });

function itemValues(c: CheckedInput) {
  const { attachmentIds: _a, ...values } = c;
  return values;
}

async function linkAttachments(uow: UnitOfWork, newsId: string, c: CheckedInput): Promise<void> {
  const keep = [...new Set([...c.attachmentIds, ...(c.imageId ? [c.imageId] : [])])];
  // files removed from the item go with it; the ones kept or added are attached to it
  await uow.tx.delete(newsAttachments).where(and(eq(newsAttachments.newsId, newsId), keep.length ? sql`${newsAttachments.id} not in ${sql`(${sql.join(keep.map((k) => sql`${k}`), sql`, `)})`}` : undefined));
  if (keep.length) await uow.tx.update(newsAttachments).set({ newsId }).where(inArray(newsAttachments.id, keep));
}

async function moveForward(uow: UnitOfWork, deps: NewsDeps, actor: Actor, school: School, row: NewsRow, direct: boolean, now: Date): Promise<void> {
  if (direct) return scheduleOrPublish(uow, school, row, now);
  await uow.tx.update(newsItems).set({ status: 'submitted', reviewComment: null, updatedAt: now }).where(eq(newsItems.id, row.id));
  await uow.emit(
    channels.profile(school.uai, 'direction'),
    'news.submitted',
    { newsId: row.id, title: row.title, authorName: await authorName(uow, actor.personId) },
    school.id,
  );
}

async function scheduleOrPublish(uow: UnitOfWork, school: School, row: NewsRow, now: Date): Promise<void> {
  if (row.publishAt && row.publishAt > now) {
    await uow.tx.update(newsItems).set({ status: 'scheduled', updatedAt: now }).where(eq(newsItems.id, row.id));
    await uow.enqueue(NEWS_PUBLISH_JOB, { newsId: row.id, schoolId: school.id }, { startAfter: row.publishAt });
    return;
  }
  await goLive(uow, school, row, now);
}

/** Publication itself: recipients resolved from the directory now, the event on the audience's channels, the expiry job. */
async function goLive(uow: UnitOfWork, school: School, row: NewsRow, now: Date): Promise<void> {
  // resolved and inserted by the database in one statement: no thousand-row round trip through the hub
  await uow.tx.delete(newsRecipients).where(eq(newsRecipients.newsId, row.id));
  await uow.tx.execute(sql`
    insert into news_recipients (news_id, person_id, profile)
    select ${row.id}, r."personId", r.profile::profile from (${recipientsQuery(school.id, row.audience)}) r
    where r."personId" <> ${row.authorId}`);
  const [live] = await uow.tx.update(newsItems).set({ status: 'published', publishedAt: now, updatedAt: now }).where(eq(newsItems.id, row.id)).returning();
  await emitToAudience(uow, school, live, 'news.published', await authorName(uow, live.authorId), now);
  await emitScreenNews(uow, school, live, { wasOnScreens: false });
  if (live.expireAt) await uow.enqueue(NEWS_EXPIRE_JOB, { newsId: live.id, schoolId: school.id }, { startAfter: live.expireAt });
}

async function emitToAudience(uow: UnitOfWork, school: School, row: NewsRow, type: 'news.published' | 'news.updated', author: string, now: Date) {
  const data = { news: toSummary(school.uai, row, author, now), audience: row.audience, category: row.category, urgent: row.category === 'urgent' };
  for (const channel of audienceChannels(school.uai, row.audience)) await uow.emit(channel, type, data, school.id);
}

async function authorName(uow: UnitOfWork, personId: string): Promise<string> {
  const [p] = await uow.tx.select({ f: people.firstName, l: people.lastName }).from(people).where(eq(people.id, personId));
  return p ? `${p.f} ${p.l}` : '';
}
