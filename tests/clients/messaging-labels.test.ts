import { describe, expect, it } from 'vitest';
import { createI18n } from '../../clients/shared/i18n';
import { ApiError } from '../../clients/shared/api';
import { changedFromDefaults, defaultGrid, gridFromRules, reachChoices, rulesBody, unsavedPairs } from '../../clients/web/src/lib/contact-rules';
import { formatEvent, type EventContext } from '../../clients/web/src/lib/format-event';
import { confirmationCount, describeMessagingError, refusedRecipients } from '../../clients/web/src/lib/messaging-errors';
import {
  auditActionLabel,
  closedNotice,
  contactDetail,
  readLabel,
  receiptStatus,
  receiptsAfterRead,
  relationCaption,
  replyToLabel,
  rowCorrespondent,
  sortReceipts,
  summaryChips,
  weekdayName,
  type MessagingLabelContext,
} from '../../clients/web/src/lib/messaging-labels';
import { allowedRoute, messagingTools, navPages, navSection, parseRoute, routeHref, type Route } from '../../clients/web/src/lib/routes';
import { en } from '../../clients/web/src/i18n/en';
import { fr, type WebKey } from '../../clients/web/src/i18n/fr';
import type { MeDto } from '../../server/contracts/auth';
import type { EventEnvelope } from '../../server/contracts/events';
import type { MessageSummaryDto, ReceiptDto } from '../../server/contracts/messaging';
import { contactProfiles, defaultReach } from '../../server/contracts/messaging-rules';

const { t } = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['fr-FR'] });
const tEn = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['en'] }).t;
const UAI = '0750654D';
const ME = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const CONV = '33333333-3333-4333-8333-333333333333';
const CLAIRE = { id: '11111111-1111-4111-8111-111111111111', name: 'Claire Moreau', profile: 'teacher' as const };
const MARC = { id: '22222222-2222-4222-8222-222222222222', name: 'Marc Durand', profile: 'guardian' as const };
// Monday 23 November 2026, 10:30 in Paris
const ctx: MessagingLabelContext = { t, locale: 'fr', timeZone: 'Europe/Paris', now: new Date('2026-11-23T09:30:00Z') };

function summary(over: Partial<MessageSummaryDto> = {}): MessageSummaryDto {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    conversationId: CONV,
    folder: 'sent',
    subject: 'Sortie',
    excerpt: '',
    from: { id: ME, name: 'Claire Moreau', profile: 'teacher' },
    to: 'Responsables de 4B',
    at: '2026-11-23T09:00:00Z',
    status: 'sent',
    unread: false,
    recalled: false,
    viaList: true,
    hasAttachments: false,
    recipients: 28,
    read: 3,
    sendAt: null,
    ...over,
  };
}

describe('messagerie labels', () => {
  it('says how many read a sent message, and simply « Lu » for one recipient', () => {
    expect(readLabel(3, 28, t)).toBe('Lu par 3 / 28');
    expect(readLabel(1, 1, t)).toBe('Lu');
    expect(readLabel(0, 1, t)).toBe('Pas encore lu');
    expect(readLabel(3, 28, tEn)).toBe('Read by 3 / 28');
  });

  it('puts a row’s state in chips: read count, scheduled date in the school’s time, held, recalled', () => {
    expect(summaryChips(summary(), ctx).map((c) => c.text)).toEqual(['Lu par 3 / 28']);
    expect(summaryChips(summary({ status: 'scheduled', sendAt: '2026-11-24T06:30:00Z' }), ctx).map((c) => c.text)).toEqual(['Programmé le mardi 24 novembre à 07:30']);
    expect(summaryChips(summary({ status: 'held' }), ctx).map((c) => c.text)).toEqual(['En attente (messagerie suspendue)']);
    expect(summaryChips(summary({ recalled: true }), ctx).map((c) => c.kind)).toEqual(['recalled']);
    expect(summaryChips(summary({ folder: 'inbox', recipients: 0, read: 0 }), ctx).map((c) => c.text)).toEqual(['Liste de diffusion']);
  });

  it('names the sender of received messages and the addressees of one’s own', () => {
    expect(rowCorrespondent(summary({ folder: 'inbox', from: MARC }), ME, t)).toBe('Marc Durand');
    expect(rowCorrespondent(summary(), ME, t)).toBe('À\u00a0: Responsables de 4B');
    // the bin holds both
    expect(rowCorrespondent(summary({ folder: 'trash', from: MARC }), ME, t)).toBe('Marc Durand');
    expect(rowCorrespondent(summary({ folder: 'trash' }), ME, t)).toBe('À\u00a0: Responsables de 4B');
    expect(rowCorrespondent(summary({ folder: 'drafts', to: '' }), ME, t)).toBe('Brouillon');
    expect(rowCorrespondent(summary({ to: '' }), ME, t)).toBe('Sans destinataire');
  });

  it('tells who a reply reaches: privately the sender of a list send', () => {
    expect(replyToLabel({ kind: 'direct', replyTo: [CLAIRE] }, t)).toBe('Réponse à\u00a0: Claire Moreau');
    expect(replyToLabel({ kind: 'broadcast', replyTo: [CLAIRE] }, t)).toBe('Réponse privée à Claire Moreau');
    expect(replyToLabel({ kind: 'direct', replyTo: [CLAIRE, MARC] }, t)).toBe('Réponse à\u00a0: Claire Moreau, Marc Durand');
  });

  it('tells when a teacher who closed their hours will get the message, in the school’s time', () => {
    expect(closedNotice({ name: 'Claire Moreau', closedUntil: '2026-11-24T07:00:00Z' }, ctx)).toBe(
      'Claire Moreau ne reçoit pas de messages des familles en ce moment\u00a0; votre message lui sera remis le mardi 24 novembre à 08:00.',
    );
    expect(closedNotice({ name: 'Claire Moreau', closedUntil: null }, ctx)).toBeNull();
  });

  it('tells namesakes apart in the address book', () => {
    expect(contactDetail({ profile: 'teacher', staffFunction: null, detail: '4B, 3A' }, t)).toBe('Enseignant · 4B, 3A');
    expect(contactDetail({ profile: 'staff', staffFunction: 'vie_scolaire', detail: '' }, t)).toBe('Personnel — CPE / vie scolaire');
  });

  it('lists readers first, latest first, then the others by name, and marks live reads', () => {
    const r = (name: string, readAt: string | null, deliverAt: string | null = null): ReceiptDto => ({
      person: { id: name, name, profile: 'guardian' },
      className: '4B',
      readAt,
      deliverAt,
    });
    const receipts = [r('Zoé', null), r('Anne', null), r('Marc', '2026-11-23T09:10:00Z'), r('Léa', '2026-11-23T09:20:00Z')];
    expect(sortReceipts(receipts).map((x) => x.person.name)).toEqual(['Léa', 'Marc', 'Anne', 'Zoé']);
    const live = receiptsAfterRead(receipts, 'Anne', '2026-11-23T09:29:00Z');
    expect(live.find((x) => x.person.name === 'Anne')?.readAt).toBe('2026-11-23T09:29:00Z');
    // a first read stays the read time
    expect(receiptsAfterRead(receipts, 'Marc', '2026-11-23T09:29:00Z').find((x) => x.person.name === 'Marc')?.readAt).toBe('2026-11-23T09:10:00Z');
    expect(receiptStatus(r('Léa', '2026-11-23T09:20:00Z'), ctx)).toBe('Lu le lundi 23 novembre à 10:20');
    expect(receiptStatus(r('Zoé', null, '2026-11-24T07:00:00Z'), ctx)).toBe('Remis le mardi 24 novembre à 08:00');
    expect(receiptStatus(r('Zoé', null), ctx)).toBe('Pas encore lu');
  });

  it('explains what « liées » means, from each side', () => {
    expect(relationCaption({ from: 'guardian', to: 'student', relation: 'family' }, t)).toBe('ses enfants');
    expect(relationCaption({ from: 'student', to: 'guardian', relation: 'family' }, t)).toBe('ses responsables');
    expect(relationCaption({ from: 'teacher', to: 'guardian', relation: 'teaches' }, t)).toBe('élèves et responsables de ses groupes');
    expect(relationCaption({ from: 'guardian', to: 'teacher', relation: 'teaches' }, t)).toBe('professeurs de ses enfants');
    expect(relationCaption({ from: 'student', to: 'student', relation: 'same_group' }, t)).toBe('même classe ou groupe');
    expect(relationCaption({ from: 'staff', to: 'guardian', relation: null }, t)).toBeNull();
  });

  it('names audit actions, keeping unknown ones as written', () => {
    expect(auditActionLabel({ action: 'messaging.list_send' }, t)).toBe('Envoi à une liste');
    expect(auditActionLabel({ action: 'account.suspended' }, t)).toBe('Compte suspendu');
    expect(auditActionLabel({ action: 'messaging.something_new' }, t)).toBe('messaging.something_new');
  });

  it('names weekdays from 1 (Monday) to 7 (Sunday)', () => {
    expect([1, 5, 7].map((d) => weekdayName(d, 'fr'))).toEqual(['lundi', 'vendredi', 'dimanche']);
    expect(weekdayName(1, 'en')).toBe('Monday');
  });
});

describe('messagerie errors', () => {
  it('turns each error code into French the person can act on', () => {
    const names = new Map([[CLAIRE.id, CLAIRE.name]]);
    const refused = new ApiError(403, 'recipient_not_allowed', 'Vous ne pouvez pas écrire à certains de ces destinataires.', { refused: [CLAIRE.id] });
    expect(refusedRecipients(refused)).toEqual([CLAIRE.id]);
    expect(describeMessagingError(refused, t, names)).toBe('Vous ne pouvez pas écrire à\u00a0: Claire Moreau. Retirez-les des destinataires.');
    expect(describeMessagingError(new ApiError(429, 'rate_limited', 'Trop', { retryAfterSeconds: 90 }), t)).toBe(
      'Vous avez envoyé beaucoup de messages en peu de temps. Réessayez dans 2\u00a0min.',
    );
    expect(describeMessagingError(new ApiError(422, 'too_many_recipients', 'Trop', { max: 300 }), t)).toBe('Trop de destinataires\u00a0: 300 au plus par envoi.');
    expect(describeMessagingError(new ApiError(409, 'recall_expired', 'x'), t)).toContain('ne peut plus être rappelé');
    expect(describeMessagingError(new ApiError(400, 'validation_failed', 'Requête invalide', [{ path: ['subject'], message: 'objet requis' }]), t)).toBe(
      'Vérifiez votre saisie\u00a0: Objet requis.',
    );
    // a suspended account is told by the hub, in French
    expect(describeMessagingError(new ApiError(403, 'forbidden', 'Votre compte ne peut plus envoyer de messages.'), t)).toBe('Votre compte ne peut plus envoyer de messages.');
    expect(describeMessagingError(new ApiError(0, 'network_error', 'x'), t)).toBe('Impossible de joindre Préau. Vérifiez votre connexion.');
  });

  it('reads the count a send must confirm', () => {
    expect(confirmationCount(new ApiError(409, 'confirmation_required', 'Confirmez', { recipients: 120 }))).toBe(120);
    expect(confirmationCount(new ApiError(409, 'conflict', 'x'))).toBeNull();
  });
});

describe('contact rules table', () => {
  it('starts from the national defaults and offers « liées » only where it means something', () => {
    const grid = defaultGrid();
    expect(grid['guardian>teacher']).toBe('related');
    expect(grid['student>guardian']).toBe('related');
    expect(grid['guardian>guardian']).toBe('none');
    expect(grid['staff>guardian']).toBe('any');
    expect(reachChoices('guardian', 'teacher')).toEqual(['none', 'related', 'any']);
    expect(reachChoices('staff', 'guardian')).toEqual(['none', 'any']);
    expect(changedFromDefaults(grid)).toBe(0);
  });

  it('counts changes from the defaults and from what is saved, and saves the whole table', () => {
    const saved = gridFromRules([{ from: 'guardian', to: 'guardian', reach: 'related' }]);
    expect(changedFromDefaults(saved)).toBe(1);
    const edited = { ...saved, 'student>teacher': 'any' as const };
    expect(unsavedPairs(saved, edited)).toEqual(['student>teacher']);
    const body = rulesBody(edited);
    expect(body.rules).toHaveLength(contactProfiles.length ** 2);
    expect(body.rules.find((r) => r.from === 'student' && r.to === 'teacher')?.reach).toBe('any');
    expect(body.rules.find((r) => r.from === 'admin' && r.to === 'admin')?.reach).toBe(defaultReach('admin', 'admin'));
  });
});

describe('messagerie routes and live list', () => {
  it('reads and writes the messagerie’s hashes', () => {
    const routes: Route[] = [
      { name: 'messages' },
      { name: 'messages', folder: 'sent' },
      { name: 'messages', folder: 'drafts' },
      { name: 'messages', folder: 'trash' },
      { name: 'thread', id: CONV },
      { name: 'write' },
      { name: 'write', id: CONV },
      { name: 'messageLists' },
      { name: 'messageHours' },
      { name: 'contactRules' },
      { name: 'messagingSafety' },
    ];
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
    expect(routeHref({ name: 'messages', folder: 'inbox' })).toBe('#/messagerie');
    expect(parseRoute('#/messagerie/conversation/pas-un-id')).toEqual({ name: 'messages' });
    expect(parseRoute('#/messagerie/inconnu')).toEqual({ name: 'messages' });
  });

  it('opens the mailbox to everyone and each tool to those it is for', () => {
    expect(allowedRoute({ name: 'messages' }, 'student')).toEqual({ name: 'messages' });
    expect(allowedRoute({ name: 'thread', id: CONV }, 'guardian')).toEqual({ name: 'thread', id: CONV });
    expect(messagingTools('guardian')).toEqual([]);
    expect(messagingTools('teacher')).toEqual(['messageLists', 'messageHours']);
    expect(messagingTools('staff', 'vie_scolaire')).toEqual(['messageLists']);
    expect(messagingTools('staff', 'secretariat')).toEqual([]);
    expect(messagingTools('direction')).toEqual(['messageLists', 'contactRules', 'messagingSafety']);
    expect(messagingTools('admin')).toEqual(['contactRules', 'messagingSafety']);
    expect(allowedRoute({ name: 'contactRules' }, 'teacher')).toEqual({ name: 'feed' });
    expect(allowedRoute({ name: 'messageHours' }, 'guardian')).toEqual({ name: 'feed' });
    expect(navSection({ name: 'thread', id: CONV })).toBe('messages');
    // the news navigation is unchanged: the messagerie has a list of its own
    expect(navPages('guardian')).toEqual(['feed', 'live']);
  });

  it('puts messagerie events in words in the live list', () => {
    const me = { id: ME, current: { school: { uai: UAI, name: 'Collège', timeZone: 'Europe/Paris' }, profile: 'teacher', staffFunction: null }, memberships: [] } as unknown as MeDto;
    const ectx: EventContext = { t, locale: 'fr', timeZone: 'Europe/Paris', now: new Date('2026-11-23T09:30:00Z'), me };
    const ev = (type: string, data: unknown, channel = `user:${ME}`) => ({ channel, seq: 1, type, data, at: '2026-11-23T09:29:50Z' }) as EventEnvelope;
    const got = formatEvent(ev('message.received', { uai: UAI, messageId: CONV, conversationId: CONV, subject: 'Sortie', excerpt: '', from: MARC, viaList: false, unread: 1 }), ectx);
    expect(got).toMatchObject({ title: 'Nouveau message de Marc Durand', description: 'Sortie', icon: 'message', href: `#/messagerie/conversation/${CONV}` });
    expect(formatEvent(ev('message.read', { uai: UAI, messageId: CONV, conversationId: CONV, readerId: MARC.id, readAt: 'x', read: 2, recipients: 28 }), ectx).title).toBe('Message lu par 2 / 28');
    expect(formatEvent(ev('messaging.frozen', { frozen: true, by: 'Anne Vasseur' }, `school:${UAI}`), ectx).title).toBe('La direction a suspendu l’envoi de messages');
    // a payload of another shape still reads as messagerie activity
    expect(formatEvent(ev('message.received', { uai: UAI }), ectx).title).toBe('Nouvelle activité\u00a0: messagerie');
  });
});
