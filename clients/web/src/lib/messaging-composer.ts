import type {
  Addressees,
  AttachmentRefDto,
  ContactDto,
  DraftDto,
  DraftInput,
  ListDto,
  PersonRefDto,
  SendInput,
} from '../../../../server/contracts/messaging';
import { MESSAGE_LIMITS } from '../../../../server/contracts/messaging-rules';
import { fromZonedInput } from '../../../../server/contracts/zoned-time';
import type { Translate } from '../i18n';
import { isBlankHtml, tidyEditorHtml } from './rich-text';

/** A picked addressee: what the address book said about them, or only the name a draft kept. */
export type Recipient = PersonRefDto & Partial<Pick<ContactDto, 'detail' | 'staffFunction' | 'closedUntil'>>;

/** The composer's fields as the form holds them; the date is the school's wall-clock value. */
export interface MessageForm {
  people: Recipient[];
  lists: string[];
  subject: string;
  bodyHtml: string;
  attachments: AttachmentRefDto[];
  schedule: boolean;
  /** datetime-local value, school time */
  sendAt: string;
}

export type MessageField = 'to' | 'subject' | 'bodyHtml' | 'attachments' | 'sendAt';
export type MessageErrors = Partial<Record<MessageField, string>>;

/** Order of the fields on the page, for the error summary. */
export const MESSAGE_FIELDS: readonly MessageField[] = ['to', 'subject', 'bodyHtml', 'attachments', 'sendAt'];

export function emptyMessage(): MessageForm {
  return { people: [], lists: [], subject: '', bodyHtml: '', attachments: [], schedule: false, sendAt: '' };
}

/** The form of a saved draft. */
export function messageFromDraft(d: DraftDto): MessageForm {
  const named = new Map(d.people.map((p) => [p.id, p]));
  return {
    // the draft's order, with the names the hub resolved; someone gone from the directory keeps a placeholder
    people: d.to.people.map((id) => named.get(id) ?? { id, name: '—', profile: 'student' as const }),
    lists: [...d.to.lists],
    subject: d.subject,
    bodyHtml: d.bodyHtml,
    attachments: d.attachments,
    schedule: false,
    sendAt: '',
  };
}

export function addressees(f: Pick<MessageForm, 'people' | 'lists'>): Addressees {
  return { people: f.people.map((p) => p.id), lists: [...f.lists] };
}

/** Adds a person once; the first pick keeps its place among the chips. */
export function addRecipient(people: readonly Recipient[], person: Recipient): Recipient[] {
  return people.some((p) => p.id === person.id) ? [...people] : [...people, person];
}

export function removeRecipient(people: readonly Recipient[], id: string): Recipient[] {
  return people.filter((p) => p.id !== id);
}

export function toggleList(lists: readonly string[], key: string, on: boolean): string[] {
  const without = lists.filter((k) => k !== key);
  return on ? [...without, key] : without;
}

/** How many people the picked lists reach, as the list picker showed them (the hub's total removes doubles). */
export function listsReach(lists: readonly ListDto[], picked: readonly string[]): number {
  return lists.filter((l) => picked.includes(l.key)).reduce((n, l) => n + l.count, 0);
}

export interface MessageCheck {
  t: Translate;
  timeZone: string;
  now: Date;
}

/** What the form must fix before sending; the hub checks again and has the last word. */
export function validateMessage(f: MessageForm, { t, timeZone, now }: MessageCheck): MessageErrors {
  const errors: MessageErrors = {};
  if (f.people.length === 0 && f.lists.length === 0) errors.to = t('messaging.composer.error.noRecipient');
  else if (f.people.length > MESSAGE_LIMITS.people) errors.to = t('messaging.composer.error.tooManyPeople', { max: MESSAGE_LIMITS.people });
  else if (f.lists.length > MESSAGE_LIMITS.lists) errors.to = t('messaging.composer.error.tooManyLists', { max: MESSAGE_LIMITS.lists });
  const subject = f.subject.trim();
  if (!subject) errors.subject = t('messaging.composer.error.subject');
  else if (subject.length > MESSAGE_LIMITS.subject) errors.subject = t('messaging.composer.error.subjectLong', { max: MESSAGE_LIMITS.subject });
  const body = tidyEditorHtml(f.bodyHtml);
  if (isBlankHtml(body)) errors.bodyHtml = t('messaging.composer.error.body');
  else if (body.length > MESSAGE_LIMITS.bodyHtml) errors.bodyHtml = t('messaging.composer.error.bodyLong');
  if (f.attachments.length > MESSAGE_LIMITS.attachments) errors.attachments = t('composer.error.tooManyFiles', { max: MESSAGE_LIMITS.attachments });
  if (f.schedule) {
    const at = fromZonedInput(f.sendAt, timeZone);
    if (!at) errors.sendAt = t('messaging.composer.error.sendAt');
    else if (Date.parse(at) <= now.getTime()) errors.sendAt = t('messaging.composer.error.sendAtPast');
  }
  return errors;
}

/** The body of POST /messages from the form. */
export function toSendInput(f: MessageForm, opts: { timeZone: string; draftId: string | null; confirm: boolean }): SendInput {
  return {
    to: addressees(f),
    subject: f.subject.trim(),
    bodyHtml: tidyEditorHtml(f.bodyHtml),
    attachmentIds: f.attachments.map((a) => a.id),
    sendAt: f.schedule ? fromZonedInput(f.sendAt, opts.timeZone) : null,
    confirm: opts.confirm,
    draftId: opts.draftId,
  };
}

/** The body of POST/PUT /drafts: whatever is there, even half-written. */
export function toDraftInput(f: MessageForm): DraftInput {
  return {
    to: addressees(f),
    subject: f.subject.trim().slice(0, MESSAGE_LIMITS.subject),
    bodyHtml: tidyEditorHtml(f.bodyHtml),
    attachmentIds: f.attachments.map((a) => a.id),
  };
}

/** Whether the form holds anything worth keeping as a draft. */
export function hasContent(f: MessageForm): boolean {
  return f.people.length > 0 || f.lists.length > 0 || f.subject.trim() !== '' || !isBlankHtml(f.bodyHtml) || f.attachments.length > 0;
}

/**
 * The option a key moves to in a listbox of `length` options (WAI-ARIA combobox): arrows wrap,
 * Home and End jump; -1 is "none highlighted", where typing goes on.
 */
export function moveActive(active: number, key: string, length: number): number {
  if (length === 0) return -1;
  switch (key) {
    case 'ArrowDown':
      return active < 0 || active >= length - 1 ? 0 : active + 1;
    case 'ArrowUp':
      return active <= 0 ? length - 1 : active - 1;
    case 'Home':
      return 0;
    case 'End':
      return length - 1;
    default:
      return active;
  }
}
