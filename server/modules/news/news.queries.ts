import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { newsAttachments, newsItems, newsRecipients, people } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import { assertAllowed, authorize } from '../../authz/registry';
import type { AudienceCountDto, AudienceTarget, NewsCategory, NewsDto, NewsSummaryDto, ReadStatsDto } from '../../contracts/news';
import type { Profile } from '../../contracts/profiles';
import { notFound } from '../../http/errors';
import { loadAudienceGroups, resolveRecipients } from './audience';
import { excerptsOf, toAttachmentDto, toSummary } from './news.dto';
import { loadItem, mayPublishDirectly, subjectOf, type School } from './news.service';
import { preparedQuery } from '../../../db/prepared';
import { rawRows } from '../../../db/raw-rows';

const authorNameSql = sql<string>`${people.firstName} || ' ' || ${people.lastName}`;

/** The actor's feed: published, unexpired items addressed to them; pinned, then unread, then newest. */
export async function feed(
  db: Db,
  actor: Actor,
  school: School,
  now: Date,
  q: { category?: NewsCategory; unreadFirst: boolean; limit: number; before?: Date },
): Promise<NewsSummaryDto[]> {
  // every family opens it: built once per shape of the query (filters present or not), run with placeholders
  const shape = `news_feed_${q.category ? 'c' : ''}${q.before ? 'b' : ''}${q.unreadFirst ? 'u' : ''}`;
  const query = preparedQuery(db, shape, (d) => {
    // raw SQL gets ISO strings: drizzle maps Dates only for typed columns, and postgres.js wants strings
    const at = sql`${sql.placeholder('now')}::timestamptz`;
    const pinned = sql`(${newsItems.pinnedUntil} is not null and ${newsItems.pinnedUntil} > ${at})`;
    return d
      .select({
        id: newsItems.id,
        title: newsItems.title,
        category: newsItems.category,
        status: newsItems.status,
        visibility: newsItems.visibility,
        publishedAt: newsItems.publishedAt,
        updatedAt: newsItems.updatedAt,
        expireAt: newsItems.expireAt,
        pinnedUntil: newsItems.pinnedUntil,
        version: newsItems.version,
        ackMode: newsItems.ackMode,
        imageId: newsItems.imageId,
        audienceLabel: newsItems.audienceLabel,
        publishAt: newsItems.publishAt,
        reviewComment: newsItems.reviewComment,
        // the body's digest, not the body: excerpts are kept by it (news.dto)
        bodyKey: sql<string>`md5(${newsItems.bodyHtml})`,
        author: authorNameSql,
        readAt: newsRecipients.readAt,
        acknowledgedAt: newsRecipients.acknowledgedAt,
      })
      .from(newsRecipients)
      .innerJoin(newsItems, eq(newsItems.id, newsRecipients.newsId))
      .innerJoin(people, eq(people.id, newsItems.authorId))
      .where(
        and(
          eq(newsRecipients.personId, sql.placeholder('personId')),
          eq(newsItems.schoolId, sql.placeholder('schoolId')),
          eq(newsItems.status, 'published'),
          or(isNull(newsItems.expireAt), sql`${newsItems.expireAt} > ${at}`),
          q.category ? eq(newsItems.category, sql.placeholder('category')) : undefined,
          q.before ? sql`${newsItems.publishedAt} < ${sql.placeholder('before')}::timestamptz` : undefined,
        ),
      )
      .orderBy(desc(pinned), ...(q.unreadFirst ? [sql`(${newsRecipients.readAt} is null) desc`] : []), desc(newsItems.publishedAt))
      .limit(sql.placeholder('limit'))
      .prepare(shape);
  });
  const rows = await query.execute({
    personId: actor.personId,
    schoolId: school.id,
    now: now.toISOString(),
    category: q.category ?? null,
    before: q.before?.toISOString() ?? null,
    limit: q.limit,
  });
  const excerpts = await excerptsOf(rows, (ids) => db.select({ id: newsItems.id, bodyHtml: newsItems.bodyHtml }).from(newsItems).where(inArray(newsItems.id, ids)));
  return rows.map((r, i) => toSummary(school.uai, r, r.author, now, r, excerpts[i]));
}

/** Items the actor wrote, any status, last changed first. */
export async function mine(db: Db, actor: Actor, school: School, now: Date): Promise<NewsSummaryDto[]> {
  const rows = await db
    .select({ item: newsItems, author: authorNameSql })
    .from(newsItems)
    .innerJoin(people, eq(people.id, newsItems.authorId))
    .where(and(eq(newsItems.schoolId, school.id), eq(newsItems.authorId, actor.personId)))
    .orderBy(desc(newsItems.updatedAt))
    .limit(200);
  return rows.map((r) => toSummary(school.uai, r.item, r.author, now));
}

/** Direction's validation queue: submitted items, oldest first. */
export async function queue(db: Db, actor: Actor, school: School, now: Date): Promise<NewsSummaryDto[]> {
  assertAllowed(actor, 'news.queue', { schoolId: school.id });
  const rows = await db
    .select({ item: newsItems, author: authorNameSql })
    .from(newsItems)
    .innerJoin(people, eq(people.id, newsItems.authorId))
    .where(and(eq(newsItems.schoolId, school.id), eq(newsItems.status, 'submitted')))
    .orderBy(newsItems.updatedAt)
    .limit(200);
  return rows.map((r) => toSummary(school.uai, r.item, r.author, now));
}

/** One item as the actor may see it, with what they may do with it. */
export async function getNews(db: Db, actor: Actor, school: School, id: string, now: Date): Promise<NewsDto> {
  const row = await loadItem({ db }, school.id, id);
  const [recipient] = await db
    .select({ readAt: newsRecipients.readAt, acknowledgedAt: newsRecipients.acknowledgedAt })
    .from(newsRecipients)
    .where(and(eq(newsRecipients.newsId, id), eq(newsRecipients.personId, actor.personId)));
  const subject = { ...subjectOf(row), isRecipient: !!recipient };
  assertAllowed(actor, 'news.view', subject);
  // an expired item stays readable by its author and direction only
  if (row.expireAt && row.expireAt <= now && row.authorId !== actor.personId && actor.profile !== 'direction') {
    throw notFound('Cette actualité n’est plus en ligne.');
  }
  const [author] = await db.select({ name: authorNameSql }).from(people).where(eq(people.id, row.authorId));
  const files = await db
    .select({ id: newsAttachments.id, name: newsAttachments.name, mimeType: newsAttachments.mimeType, size: newsAttachments.size })
    .from(newsAttachments)
    .where(eq(newsAttachments.newsId, id))
    .orderBy(newsAttachments.createdAt);
  const isDraftLike = row.status === 'draft';
  const image = files.find((f) => f.id === row.imageId);
  return {
    ...toSummary(school.uai, row, author?.name ?? '', now, recipient),
    bodyHtml: row.bodyHtml,
    audience: row.audience,
    pinnedUntil: row.pinnedUntil?.toISOString() ?? null,
    ackMode: row.ackMode,
    onScreens: row.onScreensFrom && row.onScreensUntil ? { from: row.onScreensFrom.toISOString(), until: row.onScreensUntil.toISOString() } : null,
    image: image ? toAttachmentDto(school.uai, image) : null,
    attachments: files.filter((f) => f.id !== row.imageId).map((f) => toAttachmentDto(school.uai, f)),
    authorId: row.authorId,
    can: {
      edit: authorize(actor, 'news.edit', subject),
      submit: isDraftLike && authorize(actor, 'news.edit', subject),
      publish: isDraftLike && authorize(actor, 'news.edit', subject) && (await mayPublishDirectly({ db }, actor, school, row.audience)),
      review: row.status === 'submitted' && authorize(actor, 'news.review', subject),
      withdraw: authorize(actor, 'news.withdraw', subject),
      // final figures stay readable once an item is withdrawn
      stats: !!row.publishedAt && authorize(actor, 'news.stats', subject),
      read: authorize(actor, 'news.read', subject),
      acknowledge: row.ackMode !== 'none' && !recipient?.acknowledgedAt && authorize(actor, 'news.read', subject),
    },
  };
}

/** How many people an audience reaches now, by profile, and whether the actor may publish to it directly. */
export async function countAudience(db: Db, actor: Actor, school: School, audience: AudienceTarget[]): Promise<AudienceCountDto> {
  assertAllowed(actor, 'news.create', { schoolId: school.id });
  await loadAudienceGroups(db, school.id, audience);
  const recipients = (await resolveRecipients(db, school.id, audience)).filter((r) => r.personId !== actor.personId);
  const byProfile: Partial<Record<Profile, number>> = {};
  for (const r of recipients) byProfile[r.profile] = (byProfile[r.profile] ?? 0) + 1;
  return { total: recipients.length, byProfile, directPublish: await mayPublishDirectly({ db }, actor, school, audience) };
}

/** « Lu par 212 / 250 »: counts, reads by class, and who has not read (guardians with their children). */
export async function readStats(db: Db, actor: Actor, school: School, id: string): Promise<ReadStatsDto> {
  const row = await loadItem({ db }, school.id, id);
  assertAllowed(actor, 'news.stats', subjectOf(row));
  const [counts] = await db
    .select({
      recipients: sql<number>`count(*)::int`,
      read: sql<number>`count(${newsRecipients.readAt})::int`,
      acknowledged: sql<number>`count(${newsRecipients.acknowledgedAt})::int`,
    })
    .from(newsRecipients)
    .where(eq(newsRecipients.newsId, id));
  // a recipient counts in a class as its student, or as a guardian of one of its students
  const byGroup = await rawRows<any>(db, sql`
      select g.name as "group", count(distinct r.person_id)::int as recipients,
             count(distinct r.person_id) filter (where r.read_at is not null)::int as read
      from news_recipients r
      join (
        select gm.person_id as pid, gm.group_id from group_members gm where gm.role = 'member'
        union
        select gs.guardian_id, gm.group_id from guardianships gs
          join group_members gm on gm.person_id = gs.student_id and gm.role = 'member'
          where gs.school_id = ${school.id}
      ) x on x.pid = r.person_id
      join groups g on g.id = x.group_id and g.kind = 'class' and g.school_id = ${school.id}
      where r.news_id = ${id}
      group by g.name order by g.name`);
  const notRead = (
    await rawRows<any>(db, sql`
      select r.person_id as "personId", p.last_name || ' ' || p.first_name as name, r.profile::text as profile,
        case when r.profile = 'guardian' then (
          select array_agg(s.first_name || ' ' || s.last_name order by s.first_name) from guardianships gs
          join people s on s.id = gs.student_id where gs.guardian_id = r.person_id and gs.school_id = ${school.id}
        ) end as children
      from news_recipients r join people p on p.id = r.person_id
      where r.news_id = ${id} and r.read_at is null
      order by p.last_name, p.first_name limit 500`)
  ).map((r: any) => (r.children ? r : { personId: r.personId, name: r.name, profile: r.profile }));
  const stats: ReadStatsDto = { ...counts, ackMode: row.ackMode, byGroup, notRead };
  if (row.ackMode === 'per_student') {
    const [covered] = await rawRows<any>(db, sql`
        select count(distinct gs.student_id)::int as total,
               count(distinct gs.student_id) filter (where r.acknowledged_at is not null)::int as covered
        from news_recipients r join guardianships gs on gs.guardian_id = r.person_id and gs.school_id = ${school.id}
        where r.news_id = ${id} and r.profile = 'guardian'`);
    stats.studentsCovered = { covered: covered.covered, total: covered.total };
  }
  return stats;
}
