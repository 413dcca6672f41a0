import { describe, expect, it } from 'vitest';
import { createI18n } from '../../clients/shared/i18n';
import {
  addRecipient,
  emptyMessage,
  hasContent,
  listsReach,
  messageFromDraft,
  moveActive,
  removeRecipient,
  toDraftInput,
  toSendInput,
  toggleList,
  validateMessage,
  type MessageForm,
} from '../../clients/web/src/lib/messaging-composer';
import { en } from '../../clients/web/src/i18n/en';
import { fr, type WebKey } from '../../clients/web/src/i18n/fr';
import type { DraftDto, ListDto } from '../../server/contracts/messaging';
import { MESSAGE_LIMITS } from '../../server/contracts/messaging-rules';

const { t } = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['fr-FR'] });
const TZ = 'Europe/Paris';
const now = new Date('2026-11-23T09:30:00Z');
const CLAIRE = { id: '11111111-1111-4111-8111-111111111111', name: 'Claire Moreau', profile: 'teacher' as const };
const MARC = { id: '22222222-2222-4222-8222-222222222222', name: 'Marc Durand', profile: 'guardian' as const };
const LIST_4B = 'group:1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0:guardian';

const filled = (over: Partial<MessageForm> = {}): MessageForm => ({
  ...emptyMessage(),
  people: [CLAIRE],
  subject: '  Sortie au musée ',
  bodyHtml: '<p>Bonjour,</p><div>la sortie est jeudi.</div><p><br></p>',
  ...over,
});

describe('message composer', () => {
  it('asks for a recipient, a subject and a text before sending', () => {
    expect(validateMessage(emptyMessage(), { t, timeZone: TZ, now })).toEqual({
      to: 'Choisissez au moins un destinataire.',
      subject: 'Indiquez l’objet du message.',
      bodyHtml: 'Écrivez votre message.',
    });
    expect(validateMessage(filled(), { t, timeZone: TZ, now })).toEqual({});
    // a list alone is enough
    expect(validateMessage(filled({ people: [], lists: [LIST_4B] }), { t, timeZone: TZ, now })).toEqual({});
    expect(validateMessage(filled({ subject: 'x'.repeat(MESSAGE_LIMITS.subject + 1) }), { t, timeZone: TZ, now }).subject).toBe(
      `L’objet est limité à ${MESSAGE_LIMITS.subject} caractères.`,
    );
    expect(validateMessage(filled({ bodyHtml: '<p><br></p>' }), { t, timeZone: TZ, now }).bodyHtml).toBe('Écrivez votre message.');
  });

  it('wants a scheduled date in the future, in the school’s time', () => {
    expect(validateMessage(filled({ schedule: true, sendAt: '' }), { t, timeZone: TZ, now }).sendAt).toBe('Indiquez une date et une heure d’envoi complètes.');
    // 10:00 in Paris is 09:00 UTC: already past at 09:30 UTC
    expect(validateMessage(filled({ schedule: true, sendAt: '2026-11-23T10:00' }), { t, timeZone: TZ, now }).sendAt).toBe('La date d’envoi doit être dans le futur.');
    expect(validateMessage(filled({ schedule: true, sendAt: '2026-11-23T11:00' }), { t, timeZone: TZ, now })).toEqual({});
  });

  it('builds the send: trimmed subject, tidy HTML, the school’s time as an instant, the draft it came from', () => {
    const body = toSendInput(filled({ lists: [LIST_4B], schedule: true, sendAt: '2026-11-24T07:30' }), { timeZone: TZ, draftId: null, confirm: false });
    expect(body).toEqual({
      to: { people: [CLAIRE.id], lists: [LIST_4B] },
      subject: 'Sortie au musée',
      bodyHtml: '<p>Bonjour,</p><p>la sortie est jeudi.</p>',
      attachmentIds: [],
      sendAt: '2026-11-24T06:30:00.000Z',
      confirm: false,
      draftId: null,
    });
    const now2 = toSendInput(filled(), { timeZone: TZ, draftId: '00000000-0000-4000-8000-000000000009', confirm: true });
    expect(now2).toMatchObject({ sendAt: null, confirm: true, draftId: '00000000-0000-4000-8000-000000000009' });
  });

  it('keeps a half-written message as a draft, and takes a draft back', () => {
    expect(hasContent(emptyMessage())).toBe(false);
    expect(hasContent({ ...emptyMessage(), bodyHtml: '<p><br></p>' })).toBe(false);
    expect(hasContent({ ...emptyMessage(), subject: 'Sortie' })).toBe(true);
    expect(toDraftInput({ ...emptyMessage(), subject: ' Sortie ' })).toEqual({ to: { people: [], lists: [] }, subject: 'Sortie', bodyHtml: '', attachmentIds: [] });
    const draft: DraftDto = {
      id: '00000000-0000-4000-8000-000000000009',
      to: { people: [MARC.id, CLAIRE.id], lists: [LIST_4B] },
      people: [CLAIRE, MARC],
      lists: [],
      subject: 'Sortie',
      bodyHtml: '<p>Texte</p>',
      attachments: [],
      updatedAt: '2026-11-23T09:00:00Z',
    };
    const form = messageFromDraft(draft);
    // the order the person picked them in
    expect(form.people.map((p) => p.name)).toEqual(['Marc Durand', 'Claire Moreau']);
    expect(form.lists).toEqual([LIST_4B]);
    expect(form).toMatchObject({ subject: 'Sortie', bodyHtml: '<p>Texte</p>', schedule: false });
  });

  it('adds a person once, removes them, ticks lists and adds up what they reach', () => {
    const people = addRecipient(addRecipient([CLAIRE], MARC), CLAIRE);
    expect(people.map((p) => p.id)).toEqual([CLAIRE.id, MARC.id]);
    expect(removeRecipient(people, CLAIRE.id).map((p) => p.id)).toEqual([MARC.id]);
    expect(toggleList(toggleList([], LIST_4B, true), LIST_4B, true)).toEqual([LIST_4B]);
    expect(toggleList([LIST_4B], LIST_4B, false)).toEqual([]);
    const lists: ListDto[] = [
      { key: LIST_4B, label: 'Responsables de 4B', kind: 'group', count: 28, ownerId: null },
      { key: 'school:teacher', label: 'Tous les professeurs', kind: 'school', count: 40, ownerId: null },
    ];
    expect(listsReach(lists, [LIST_4B])).toBe(28);
    expect(listsReach(lists, [])).toBe(0);
  });

  it('moves in the address book’s list with the keyboard, wrapping round', () => {
    expect(moveActive(-1, 'ArrowDown', 3)).toBe(0);
    expect(moveActive(2, 'ArrowDown', 3)).toBe(0);
    expect(moveActive(0, 'ArrowUp', 3)).toBe(2);
    expect(moveActive(-1, 'ArrowUp', 3)).toBe(2);
    expect(moveActive(1, 'Home', 3)).toBe(0);
    expect(moveActive(1, 'End', 3)).toBe(2);
    expect(moveActive(1, 'a', 3)).toBe(1);
    expect(moveActive(0, 'ArrowDown', 0)).toBe(-1);
  });
});
