import type {
  AuditEntryDto,
  ContactDto,
  ContactRuleDto,
  MessageSummaryDto,
  PersonRefDto,
  ReceiptDto,
  ThreadDto,
} from '../../../../server/contracts/messaging';
import type { ContactReach, Folder } from '../../../../server/contracts/messaging-rules';
import type { Profile } from '../../../../server/contracts/profiles';
import type { Locale } from '../../../shared/i18n';
import type { Translate, WebKey } from '../i18n';
import { profileLabel, sentenceCase } from './person-labels';

export interface MessagingLabelContext {
  t: Translate;
  locale: Locale;
  /** The school's time zone: « remis lundi à 07:00 » is the school's 07:00. */
  timeZone: string;
  now: Date;
}

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** « Boîte de réception », « Envoyés »… */
export function folderLabel(folder: Folder, t: Translate): string {
  return t(`messaging.folder.${folder}`);
}

/** A date as a day and a clock time in the school's zone: « lundi 24 novembre », « 07:00 ». */
export function dayAndTime(at: string, { locale, timeZone }: Pick<MessagingLabelContext, 'locale' | 'timeZone'>): { date: string; time: string } {
  const d = new Date(at);
  const lang = intlLocale(locale);
  return {
    date: new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone }).format(d),
    time: new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', timeZone }).format(d),
  };
}

/** « Lu par 3 / 28 »; a message to one person reads « Lu » or « Pas encore lu ». */
export function readLabel(read: number, recipients: number, t: Translate): string {
  if (recipients === 1) return t(read >= 1 ? 'messaging.read.single' : 'messaging.read.singleNot');
  return t('messaging.read.count', { read: Math.min(read, recipients), recipients });
}

export type SummaryChipKind = 'recalled' | 'scheduled' | 'held' | 'draft' | 'read' | 'list';

export interface SummaryChip {
  kind: SummaryChipKind;
  text: string;
}

/** The chips of a folder row: recalled, scheduled, held while frozen, how many read a sent one. */
export function summaryChips(m: MessageSummaryDto, ctx: MessagingLabelContext): SummaryChip[] {
  const { t } = ctx;
  const chips: SummaryChip[] = [];
  if (m.recalled) chips.push({ kind: 'recalled', text: t('messaging.chip.recalled') });
  if (m.status === 'scheduled') {
    const when = m.sendAt ? dayAndTime(m.sendAt, ctx) : null;
    chips.push({ kind: 'scheduled', text: when ? t('messaging.chip.scheduledAt', when) : t('messaging.chip.scheduled') });
  }
  if (m.status === 'held') chips.push({ kind: 'held', text: t('messaging.chip.held') });
  if (m.folder === 'sent' && m.status === 'sent' && !m.recalled && m.recipients > 0) {
    chips.push({ kind: 'read', text: readLabel(m.read, m.recipients, t) });
  }
  if (m.viaList && m.folder === 'inbox') chips.push({ kind: 'list', text: t('messaging.chip.viaList') });
  return chips;
}

/** Who a row is about: the sender of a received message, the addressees of one's own. */
export function rowCorrespondent(m: Pick<MessageSummaryDto, 'from' | 'to' | 'folder'>, meId: string, t: Translate): string {
  const mine = m.folder === 'sent' || m.folder === 'drafts' || m.from.id === meId;
  if (!mine) return m.from.name;
  if (m.to) return t('messaging.row.to', { to: m.to });
  // the hub names a draft's addressees only once it is sent
  return t(m.folder === 'drafts' ? 'messaging.row.draft' : 'messaging.row.noRecipient');
}

/** « Réponse à : Claire Moreau », or for a list send « Réponse privée à Claire Moreau ». */
export function replyToLabel(thread: Pick<ThreadDto, 'kind' | 'replyTo'>, t: Translate): string {
  const names = thread.replyTo.map((p) => p.name).join(', ');
  if (!names) return t('messaging.reply.nobody');
  return t(thread.kind === 'broadcast' ? 'messaging.reply.private' : 'messaging.reply.to', { names });
}

/** The notice shown when a teacher who closed their hours is picked: when the message will reach them. */
export function closedNotice(contact: Pick<ContactDto, 'name'> & { closedUntil?: string | null }, ctx: MessagingLabelContext): string | null {
  if (!contact.closedUntil) return null;
  return ctx.t('messaging.closedNotice', { name: contact.name, ...dayAndTime(contact.closedUntil, ctx) });
}

/** What tells namesakes apart in the address book: « enseignant · 4B, 3A », « responsable · Léa Durand ». */
export function contactDetail(c: Pick<ContactDto, 'profile' | 'staffFunction' | 'detail'>, t: Translate): string {
  const who = sentenceCase(profileLabel(c.profile, c.staffFunction, t));
  return c.detail ? `${who} · ${c.detail}` : who;
}

/** A recipient's line in the receipts: read when, delivered later, or not yet. */
export function receiptStatus(r: Pick<ReceiptDto, 'readAt' | 'deliverAt'>, ctx: MessagingLabelContext): string {
  const { t } = ctx;
  if (r.readAt) return t('messaging.receipt.readAt', dayAndTime(r.readAt, ctx));
  if (r.deliverAt && Date.parse(r.deliverAt) > ctx.now.getTime()) return t('messaging.receipt.deliverAt', dayAndTime(r.deliverAt, ctx));
  return t('messaging.receipt.unread');
}

/** Readers first (latest first), then those who have not read, by name: what an author looks for. */
export function sortReceipts(receipts: readonly ReceiptDto[]): ReceiptDto[] {
  return [...receipts].sort((a, b) => {
    if (!!a.readAt !== !!b.readAt) return a.readAt ? -1 : 1;
    if (a.readAt && b.readAt && a.readAt !== b.readAt) return Date.parse(b.readAt) - Date.parse(a.readAt);
    return a.person.name.localeCompare(b.person.name, 'fr');
  });
}

/** A receipt as the author's reader event changes it. */
export function receiptsAfterRead(receipts: readonly ReceiptDto[], readerId: string, readAt: string): ReceiptDto[] {
  return receipts.map((r) => (r.person.id === readerId && !r.readAt ? { ...r, readAt, deliverAt: null } : r));
}

/** « Personne », « Seulement les personnes liées », « Tout le monde ». */
export function reachLabel(reach: ContactReach, t: Translate): string {
  return t(`messaging.reach.${reach}`);
}

/** What "related" means for a pair, in the words of its direction (from writes to to). */
export function relationCaption(rule: Pick<ContactRuleDto, 'from' | 'to' | 'relation'>, t: Translate): string | null {
  switch (rule.relation) {
    case 'family':
      return t(rule.from === 'guardian' ? 'messaging.relation.family.children' : 'messaging.relation.family.guardians');
    case 'teaches':
      return t(rule.from === 'teacher' ? 'messaging.relation.teaches.groups' : 'messaging.relation.teaches.teachers');
    case 'same_group':
      return t('messaging.relation.sameGroup');
    default:
      return null;
  }
}

/** Profiles as the contact table names its rows and columns: « Élèves », « Responsables »… */
export function profilePlural(profile: Profile, t: Translate): string {
  return t(`messaging.profiles.${profile}`);
}

/** « lundi », « mardi »… for ISO day numbers 1 (Monday) to 7 (Sunday). */
export function weekdayName(day: number, locale: Locale): string {
  // 2024-01-01 was a Monday
  const date = new Date(Date.UTC(2024, 0, day, 12));
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'long', timeZone: 'UTC' }).format(date);
}

const AUDIT_ACTIONS: Record<string, WebKey> = {
  'messaging.list_send': 'messaging.audit.action.listSent',
  'messaging.mass_send': 'messaging.audit.action.massSent',
  'messaging.frozen': 'messaging.audit.action.frozen',
  'messaging.unfrozen': 'messaging.audit.action.unfrozen',
  'messaging.settings': 'messaging.audit.action.settings',
  'account.suspended': 'messaging.audit.action.suspended',
  'account.reinstated': 'messaging.audit.action.unsuspended',
};

/** An audit line's action in words; an action this client does not know stays as the hub wrote it. */
export function auditActionLabel(entry: Pick<AuditEntryDto, 'action'>, t: Translate): string {
  const key = AUDIT_ACTIONS[entry.action];
  return key ? t(key) : entry.action;
}

/** A person's name with their profile, for the suspended accounts and the audit log. */
export function personWithProfile(p: PersonRefDto, t: Translate): string {
  return `${p.name} (${profileLabel(p.profile, null, t)})`;
}

