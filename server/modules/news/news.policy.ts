import type { Actor } from '../../authz/actor';
import { definePolicy, sameSchool } from '../../authz/registry';
import type { AudienceTarget, NewsStatus } from '../../contracts/news';

const AUTHORS = ['teacher', 'staff', 'direction', 'admin'];

export type DirectPublishRule = 'any' | 'own_groups' | 'never';

/** Default rules; a school can override them in settings.news.directPublish. */
export const DEFAULT_DIRECT_PUBLISH: Record<string, DirectPublishRule> = {
  direction: 'any',
  admin: 'any',
  staff: 'any',
  teacher: 'own_groups',
};

type ItemSubject = { schoolId: string; authorId: string; status: NewsStatus; isRecipient?: boolean };

const isAuthor = (a: Actor, s: ItemSubject) => s.authorId === a.personId;
const isDirection = (a: Actor) => a.profile === 'direction';

// Teachers, staff, direction and admins write news; families and students read.
definePolicy<{ schoolId: string }>('news.create', (a, s) => sameSchool(a, s) && AUTHORS.includes(a.profile));

// Publishing without validation follows the school's rules: teachers to the classes they teach.
definePolicy<{ schoolId: string; audience: AudienceTarget[]; taughtGroupIds: Set<string>; rules: Record<string, DirectPublishRule> }>(
  'news.publishDirect',
  (a, s) => {
    if (!sameSchool(a, s)) return false;
    const rule = s.rules[a.profile] ?? 'never';
    if (rule === 'any') return true;
    if (rule === 'own_groups') return s.audience.every((t) => t.kind === 'group' && s.taughtGroupIds.has(t.groupId));
    return false;
  },
);

// An item is seen by its author, by direction, and by its recipients once published.
definePolicy<ItemSubject>(
  'news.view',
  (a, s) =>
    sameSchool(a, s) && (isAuthor(a, s) || isDirection(a) || (s.status === 'published' && !!s.isRecipient)),
);

definePolicy<ItemSubject>('news.edit', (a, s) => sameSchool(a, s) && s.status !== 'archived' && (isAuthor(a, s) || isDirection(a)));

definePolicy<ItemSubject>('news.withdraw', (a, s) => sameSchool(a, s) && ['published', 'scheduled', 'submitted'].includes(s.status) && (isAuthor(a, s) || isDirection(a)));

// (whether the item still waits for validation is the service's 409, not a permission)
definePolicy<ItemSubject>('news.review', (a, s) => sameSchool(a, s) && isDirection(a));

definePolicy<ItemSubject>('news.stats', (a, s) => sameSchool(a, s) && (isAuthor(a, s) || isDirection(a)));

definePolicy<ItemSubject>('news.read', (a, s) => sameSchool(a, s) && s.status === 'published' && !!s.isRecipient);

definePolicy<{ schoolId: string }>('news.queue', (a, s) => sameSchool(a, s) && isDirection(a));

// Attachments: uploaded by authors; read by whoever may view the item they belong to.
definePolicy<{ schoolId: string }>('news.attachment.upload', (a, s) => sameSchool(a, s) && AUTHORS.includes(a.profile));
definePolicy<{ schoolId: string; uploadedBy: string | null; item: ItemSubject | null }>(
  'news.attachment.read',
  (a, s) =>
    sameSchool(a, s) &&
    (s.uploadedBy === a.personId ||
      (!!s.item && (isAuthor(a, s.item) || isDirection(a) || (s.item.status === 'published' && !!s.item.isRecipient)))),
);
