import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { newsItems } from '../../../db/schema';
import type { School } from './news.service';

/** What a school shows the world: published, unexpired items marked public (text only, no names of readers). */
export async function publicNews(db: Db, school: School, now: Date, limit = 30) {
  return db
    .select({
      id: newsItems.id,
      title: newsItems.title,
      bodyHtml: newsItems.bodyHtml,
      category: newsItems.category,
      publishedAt: newsItems.publishedAt,
      updatedAt: newsItems.updatedAt,
    })
    .from(newsItems)
    .where(
      and(
        eq(newsItems.schoolId, school.id),
        eq(newsItems.status, 'published'),
        eq(newsItems.visibility, 'public'),
        or(isNull(newsItems.expireAt), gt(newsItems.expireAt, now)),
      ),
    )
    .orderBy(desc(newsItems.publishedAt))
    .limit(limit);
}
