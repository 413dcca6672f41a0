import type { EventEnvelope } from '../../server/contracts/events';

/** The titles of the news.published events among what a client received, in order. */
export const publishedTitles = (list: EventEnvelope[]) =>
  list.filter((e) => e.type === 'news.published').map((e) => (e.data as { news: { title: string } }).news.title);

/** The environment of a node sharing the cluster tests' PostgreSQL and Redis; `npm run test:cluster` needs both. */
export function clusterEnv(): { DATABASE_URL: string; REDIS_URL: string } {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.TEST_REDIS_URL;
  if (!databaseUrl || !redisUrl) throw new Error('npm run test:cluster needs TEST_DATABASE_URL (PostgreSQL) and TEST_REDIS_URL (Redis): see the README');
  return { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
}
