import { z } from 'zod';
import type { Profile, StaffFunction } from './profiles';
import { contactProfiles, contactReaches, folders, LIST_KEY_PATTERN, MESSAGE_LIMITS, type ContactReach, type Folder } from './messaging-rules';

export * from './messaging-rules';

const isoDate = z.string().datetime({ offset: true });
const uuid = z.string().uuid();
const listKey = z.string().regex(LIST_KEY_PATTERN, 'liste inconnue');

/** Who a message is for, as written: people picked in the address book and lists. */
export const addresseesSchema = z
  .object({
    people: z.array(uuid).max(MESSAGE_LIMITS.people, `${MESSAGE_LIMITS.people} destinataires au plus`).default([]),
    lists: z.array(listKey).max(MESSAGE_LIMITS.lists).default([]),
  })
  .strict();
export type Addressees = z.infer<typeof addresseesSchema>;

const subject = z.string().trim().min(1, 'objet requis').max(MESSAGE_LIMITS.subject, `objet limité à ${MESSAGE_LIMITS.subject} caractères`);
const bodyHtml = z.string().max(MESSAGE_LIMITS.bodyHtml, 'message trop long');
const attachmentIds = z.array(uuid).max(MESSAGE_LIMITS.attachments, `${MESSAGE_LIMITS.attachments} pièces jointes au plus`).default([]);

/** A new message (or a draft sent): to people and/or lists, now or at `sendAt`. */
export const sendSchema = z
  .object({
    to: addresseesSchema,
    subject,
    bodyHtml,
    attachmentIds,
    sendAt: isoDate.nullable().default(null),
    /** Required above the school's threshold of recipients, after the client showed the count. */
    confirm: z.boolean().default(false),
    /** Sending a saved draft: it becomes this message. */
    draftId: uuid.nullable().default(null),
  })
  .strict();
export type SendInput = z.infer<typeof sendSchema>;

export const draftSchema = z
  .object({
    to: addresseesSchema.default({ people: [], lists: [] }),
    subject: z.string().trim().max(MESSAGE_LIMITS.subject).default(''),
    bodyHtml: bodyHtml.default(''),
    attachmentIds,
  })
  .strict();
export type DraftInput = z.infer<typeof draftSchema>;

export const replySchema = z.object({ bodyHtml, attachmentIds, confirm: z.boolean().default(false) }).strict();
export type ReplyInput = z.infer<typeof replySchema>;

export const folderQuerySchema = z
  .object({ before: isoDate.optional(), limit: z.coerce.number().int().min(1).max(100).default(30) })
  .strict();

export const searchQuerySchema = z.object({ q: z.string().trim().min(2, 'au moins 2 caractères').max(MESSAGE_LIMITS.search) }).strict();

export const contactsQuerySchema = z
  .object({
    q: z.string().trim().max(100).default(''),
    profile: z.enum(contactProfiles).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();

export const contactRulesSchema = z
  .object({
    rules: z
      .array(z.object({ from: z.enum(contactProfiles), to: z.enum(contactProfiles), reach: z.enum(contactReaches) }).strict())
      .min(1)
      .max(contactProfiles.length ** 2),
  })
  .strict();

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure au format HH:MM');
export const availabilitySchema = z
  .object({
    enabled: z.boolean(),
    days: z.array(z.number().int().min(1).max(7)).max(7),
    opensAt: clock,
    closesAt: clock,
  })
  .strict()
  .refine((a) => a.opensAt < a.closesAt, { message: 'l’ouverture doit précéder la fermeture', path: ['closesAt'] })
  .refine((a) => !a.enabled || a.days.length > 0, { message: 'choisissez au moins un jour', path: ['days'] });
export type AvailabilityInput = z.infer<typeof availabilitySchema>;

export const staticListSchema = z
  .object({
    name: z.string().trim().min(1).max(MESSAGE_LIMITS.listName),
    members: z.array(uuid).max(MESSAGE_LIMITS.listMembers),
  })
  .strict();

export const freezeSchema = z.object({ frozen: z.boolean() }).strict();
export const suspensionSchema = z.object({ personId: uuid }).strict();

const limitsSchema = z
  .object({
    perMinute: z.number().int().min(1).max(1000),
    recipientsPerHour: z.number().int().min(1).max(100_000),
    perSend: z.number().int().min(1).max(50_000),
  })
  .strict();
export const messagingSettingsSchema = z
  .object({
    confirmAbove: z.number().int().min(1).max(10_000).optional(),
    limits: z.record(z.enum(contactProfiles), limitsSchema).optional(),
  })
  .strict();

// ---- what the API answers ----

export interface PersonRefDto {
  id: string;
  name: string;
  profile: Profile;
}

/** An address-book entry: someone the actor may write to, with what tells namesakes apart. */
export interface ContactDto extends PersonRefDto {
  staffFunction: StaffFunction | null;
  /** « 4B, 3A » for students and teachers; children for guardians. */
  detail: string;
  /** Set when the person does not receive families' messages at this hour. */
  closedUntil: string | null;
  hours: AvailabilityDto | null;
}

export interface AvailabilityDto {
  enabled: boolean;
  days: number[];
  opensAt: string;
  closesAt: string;
}

export interface ListDto {
  key: string;
  label: string;
  kind: 'group' | 'level' | 'school' | 'static';
  /** People it reaches now (dynamic lists are computed again at send time). */
  count: number;
  ownerId: string | null;
}

export interface StaticListDto {
  id: string;
  name: string;
  members: PersonRefDto[];
}

export interface ContactRuleDto {
  from: Profile;
  to: Profile;
  reach: ContactReach;
  /** What "related" means for this pair, or null when only none/any apply. */
  relation: 'family' | 'teaches' | 'same_group' | null;
  isDefault: boolean;
}

export type MessageStatus = 'draft' | 'scheduled' | 'held' | 'sent';

export interface MessageSummaryDto {
  id: string;
  conversationId: string | null;
  folder: Folder;
  subject: string;
  excerpt: string;
  from: PersonRefDto;
  /** « Responsables de 4B », « Claire Moreau, Marc Durand ». */
  to: string;
  at: string;
  status: MessageStatus;
  unread: boolean;
  recalled: boolean;
  viaList: boolean;
  hasAttachments: boolean;
  /** Sent: recipients and how many read it. */
  recipients: number;
  read: number;
  sendAt: string | null;
}

export interface FolderPageDto {
  folder: Folder;
  items: MessageSummaryDto[];
  hasMore: boolean;
}

export interface CountsDto {
  unread: number;
  drafts: number;
  frozen: boolean;
}

export interface AttachmentRefDto {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  url: string;
}

export interface ReceiptDto {
  person: PersonRefDto;
  className: string | null;
  readAt: string | null;
  /** Not yet delivered: the recipient closed their messagerie at that hour. */
  deliverAt: string | null;
}

export interface ThreadMessageDto {
  id: string;
  author: PersonRefDto;
  /** Null when recalled. */
  bodyHtml: string | null;
  at: string;
  status: MessageStatus;
  recalled: boolean;
  mine: boolean;
  to: string;
  attachments: AttachmentRefDto[];
  /** Own messages: how many of its recipients read it, and whether it can still be recalled. */
  recipients: number;
  read: number;
  recallableUntil: string | null;
}

export interface ThreadDto {
  id: string;
  kind: 'direct' | 'broadcast';
  subject: string;
  messages: ThreadMessageDto[];
  /** Who a reply from the actor goes to (a list send: its sender only). */
  replyTo: PersonRefDto[];
  /** Replies that wait for someone's hours (droit à la déconnexion). */
  notices: string[];
}

export interface MessageReadStatsDto {
  messageId: string;
  recipients: number;
  read: number;
  byClass: Array<{ className: string | null; recipients: number; read: number }>;
  receipts: ReceiptDto[];
}

export interface SendResultDto {
  messageId: string;
  conversationId: string | null;
  status: MessageStatus;
  recipients: number;
  /** Recipients whose copy waits for their hours, with the notice the sender sees. */
  deferred: Array<{ person: PersonRefDto; deliverAt: string; notice: string }>;
  /** Set when the school's messagerie is frozen and the message is held. */
  notice: string | null;
}

export interface AuditEntryDto {
  id: number;
  at: string;
  action: string;
  actor: PersonRefDto | null;
  subject: string | null;
  recipients: number | null;
  lists: string[];
  ip: string | null;
  session: string | null;
}

export interface MessagingSettingsDto {
  frozen: { at: string; by: string } | null;
  confirmAbove: number;
  limits: Record<Profile, { perMinute: number; recipientsPerHour: number; perSend: number }>;
  suspended: Array<PersonRefDto & { at: string }>;
}

// ---- live events (on user: channels, and the school channel for the freeze) ----

export interface MessagingEventData {
  /** A copy arrived in the recipient's inbox (also what the notifications turn into push/email). */
  'message.received': {
    uai: string;
    messageId: string;
    conversationId: string;
    subject: string;
    excerpt: string;
    from: PersonRefDto;
    viaList: boolean;
    unread: number;
  };
  /** To the author (their other tabs): a message left, or a held/scheduled one went. */
  'message.sent': { uai: string; messageId: string; conversationId: string; recipients: number };
  /** To the author: a recipient read their message. */
  'message.read': { uai: string; messageId: string; conversationId: string; readerId: string; readAt: string; read: number; recipients: number };
  /** To the reader (their other tabs and devices): their unread count changed. */
  'message.unread': { uai: string; unread: number };
  /** To the recipients: the sender recalled it (unread copies are gone). */
  'message.recalled': { uai: string; messageId: string; conversationId: string; removed: boolean; unread: number };
  /** To the school: sending frozen or reopened by direction. */
  'messaging.frozen': { frozen: boolean; by: string };
}

export interface DraftDto {
  id: string;
  to: Addressees;
  people: PersonRefDto[];
  lists: ListDto[];
  subject: string;
  bodyHtml: string;
  attachments: AttachmentRefDto[];
  updatedAt: string;
}

/** What the composer shows before sending: the count, whether it must be confirmed, who waits. */
export interface RecipientCountDto {
  recipients: number;
  confirmAbove: number;
  perSend: number;
  deferred: SendResultDto['deferred'];
}
