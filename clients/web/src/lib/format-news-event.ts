import type { EventEnvelope } from '../../../../server/contracts/events';
import type { Translate } from '../i18n';
import { categoryLabel } from './news-labels';
import { NEWS_CATEGORIES } from './news-constants';
import { num, str, type EventDescription, type Payload } from './event-payload';
import { routeHref } from './routes';

export type NewsDescription = EventDescription<'news'>;

const itemHref = (id: string | null) => (id ? routeHref({ name: 'item', id }) : null);

/**
 * The live list's words for news events; null for a payload of another shape (a hub of
 * another version), which then reads as generic news activity rather than breaking the list.
 */
export function describeNews(event: EventEnvelope, { t }: { t: Translate }): NewsDescription | null {
  const data = (event.data ?? {}) as Payload;
  switch (event.type) {
    case 'news.published':
    case 'news.updated': {
      const news = (data.news ?? {}) as Payload;
      const title = str(news.title);
      if (title === null) return null;
      const category = str(news.category);
      const parts = [
        category && (NEWS_CATEGORIES as readonly string[]).includes(category) ? categoryLabel(category as never, t) : null,
        str(news.authorName) ? t('event.by', { name: str(news.authorName)! }) : null,
      ].filter((p): p is string => !!p);
      const key = event.type === 'news.published' ? 'event.news.published' : 'event.news.updated';
      return { icon: 'news', title: t(key, { title }), description: parts.join(' · ') || null, href: itemHref(str(news.id)) };
    }
    case 'news.withdrawn': {
      const reason = str(data.reason);
      if (!str(data.newsId)) return null;
      const why = reason === 'expired' ? 'event.news.withdrawn.expired' : reason === 'archived' ? 'event.news.withdrawn.archived' : 'event.news.withdrawn.unpublished';
      return { icon: 'news', title: t('event.news.withdrawn'), description: t(why), href: null };
    }
    case 'news.submitted': {
      const title = str(data.title);
      if (title === null) return null;
      const author = str(data.authorName);
      return { icon: 'news', title: t('event.news.submitted', { title }), description: author ? t('event.by', { name: author }) : null, href: itemHref(str(data.newsId)) };
    }
    case 'news.reviewed': {
      const title = str(data.title);
      if (title === null) return null;
      const approved = data.decision === 'approve';
      const comment = str(data.comment)?.trim();
      return {
        icon: 'news',
        title: t(approved ? 'event.news.approved' : 'event.news.returned'),
        description: comment ? `${title} · «\u00a0${comment}\u00a0»` : title,
        href: itemHref(str(data.newsId)),
      };
    }
    case 'news.read': {
      const read = num(data.read);
      const recipients = num(data.recipients);
      if (read === null || recipients === null) return null;
      const acknowledged = num(data.acknowledged) ?? 0;
      const itemTitle = str(data.title);
      const ack = acknowledged > 0 ? t('event.news.acknowledged', { n: acknowledged }) : null;
      return {
        icon: 'news',
        title: t('event.news.read', { read, recipients }),
        description: [itemTitle, ack].filter(Boolean).join(' · ') || null,
        href: itemHref(str(data.newsId)),
      };
    }
    default:
      return null;
  }
}
