import { z } from 'zod';
import type { Profile } from './profiles';
import { ackModes, audienceProfiles, groupProfiles, NEWS_LIMITS, newsCategories, type AckMode, type NewsCategory, type NewsStatus } from './news-rules';

export * from './news-rules';

/**
 * One part of an audience: the whole school or one group, optionally narrowed to profiles.
 * "Guardians of 4B and 4C" is two group targets with profiles ['guardian'].
 */
export const audienceTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('school'), profiles: z.array(z.enum(audienceProfiles)).max(5).optional() }).strict(),
  z
    .object({
      kind: z.literal('group'),
      groupId: z.string().uuid(),
      // in a group: its students, their guardians, its teachers
      profiles: z.array(z.enum(groupProfiles)).max(3).optional(),
    })
    .strict(),
]);
export type AudienceTarget = z.infer<typeof audienceTargetSchema>;
export const audienceSchema = z.array(audienceTargetSchema).min(1, 'choisissez au moins un public').max(NEWS_LIMITS.targets);

const isoDate = z.string().datetime({ offset: true });

export const newsInputSchema = z
  .object({
    title: z.string().trim().min(3, 'titre trop court').max(NEWS_LIMITS.title, `titre limité à ${NEWS_LIMITS.title} caractères`),
    /** Rich text: a small allowed set of HTML, sanitised on the server. */
    bodyHtml: z.string().max(NEWS_LIMITS.bodyHtml, 'texte trop long'),
    category: z.enum(newsCategories),
    audience: audienceSchema,
    visibility: z.enum(['ent', 'public']).default('ent'),
    publishAt: isoDate.nullable().default(null),
    expireAt: isoDate.nullable().default(null),
    pinnedUntil: isoDate.nullable().default(null),
    ackMode: z.enum(ackModes).default('none'),
    onScreens: z
      .object({ from: isoDate, until: isoDate })
      .strict()
      .nullable()
      .default(null),
    imageId: z.string().uuid().nullable().default(null),
    attachmentIds: z.array(z.string().uuid()).max(NEWS_LIMITS.attachments).default([]),
  })
  .strict();
export type NewsInput = z.infer<typeof newsInputSchema>;

/** What to do with the item after saving: keep as draft, or publish (direct or via validation). */
export const newsSaveSchema = newsInputSchema.extend({ intent: z.enum(['draft', 'publish']).default('draft') });
export type NewsSave = z.infer<typeof newsSaveSchema>;

export const reviewSchema = z
  .object({ decision: z.enum(['approve', 'return']), comment: z.string().trim().max(NEWS_LIMITS.reviewComment).default('') })
  .strict();

export const feedQuerySchema = z.object({
  category: z.enum(newsCategories).optional(),
  unreadFirst: z.enum(['0', '1']).default('1'),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  before: isoDate.optional(),
});

export interface AttachmentDto {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  url: string;
}

export interface NewsSummaryDto {
  id: string;
  title: string;
  category: NewsCategory;
  status: NewsStatus;
  visibility: 'ent' | 'public';
  authorName: string;
  publishedAt: string | null;
  updatedAt: string;
  expireAt: string | null;
  pinned: boolean;
  version: number;
  /** For the reader: first read and acknowledgement, when they are a recipient. */
  readAt: string | null;
  acknowledgedAt: string | null;
  ackRequired: boolean;
  excerpt: string;
  imageUrl: string | null;
  audienceLabel: string;
  publishAt: string | null;
  /** Direction's comment when it sent the item back. */
  reviewComment: string | null;
}

export interface NewsDto extends NewsSummaryDto {
  bodyHtml: string;
  audience: AudienceTarget[];
  pinnedUntil: string | null;
  ackMode: AckMode;
  onScreens: { from: string; until: string } | null;
  image: AttachmentDto | null;
  attachments: AttachmentDto[];
  authorId: string;
  /** What the actor may do with it now; `read` and `acknowledge` are for its recipients. */
  can: { edit: boolean; submit: boolean; publish: boolean; review: boolean; withdraw: boolean; stats: boolean; read: boolean; acknowledge: boolean };
}

export interface AudienceCountDto {
  total: number;
  byProfile: Partial<Record<Profile, number>>;
  /** Whether the actor may publish to it directly, or must submit it for validation. */
  directPublish: boolean;
}

export interface ReadStatsDto {
  recipients: number;
  read: number;
  acknowledged: number;
  ackMode: AckMode;
  /** per_student mode: students with at least one guardian who acknowledged. */
  studentsCovered?: { covered: number; total: number };
  byGroup: Array<{ group: string; recipients: number; read: number }>;
  notRead: Array<{ personId: string; name: string; profile: Profile; children?: string[] }>;
}

/** Live payloads on the audience's channels. */
export interface NewsEventData {
  'news.published': { news: NewsSummaryDto; audience: AudienceTarget[]; category: NewsCategory; urgent: boolean };
  'news.updated': { news: NewsSummaryDto; audience: AudienceTarget[]; category: NewsCategory; urgent: boolean };
  'news.withdrawn': { newsId: string; reason: 'unpublished' | 'expired' | 'archived' };
  /** To the author and reviewers: workflow moves and first reads. */
  'news.submitted': { newsId: string; title: string; authorName: string };
  'news.reviewed': { newsId: string; title: string; decision: 'approve' | 'return'; comment: string };
  'news.read': { newsId: string; title: string; read: number; recipients: number; acknowledged: number };
}

