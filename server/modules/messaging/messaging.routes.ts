import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { assertAllowed } from '../../authz/registry';
import {
  addresseesSchema,
  availabilitySchema,
  contactRulesSchema,
  contactsQuerySchema,
  draftSchema,
  folderQuerySchema,
  folders,
  freezeSchema,
  MESSAGE_LIMITS,
  messagingSettingsSchema,
  replySchema,
  searchQuerySchema,
  sendSchema,
  staticListSchema,
  suspensionSchema,
} from '../../contracts/messaging';
import type { HubDeps } from '../../http/deps';
import { fileRoutes } from '../../http/file-routes';
import { schoolScope } from '../../http/school-scope';
import { parseInput } from '../../http/validate';
import { addressBook } from './address-book';
import { loadAttachment, storeAttachment, TOO_LARGE } from './attachments';
import { deferredNotice, loadAvailability, NO_CLOSING, saveAvailability } from './availability';
import { loadContactTable, saveContactRules } from './contact-rules';
import { availableLists, checkListKeys, resolveRecipients } from './lists';
import { counts, draftView, folderPage, readStats, searchMessages, threadView } from './mailbox.queries';
import { cancelSend, markThreadRead, recallMessage, setTrashed } from './mailbox.service';
import { reply } from './reply.service';
import { auditTrail, setFrozen, settingsDto, suspend, updateMessagingSettings } from './safety.service';
import { limitsFor, messagingSettings } from './send-limits';
import { copiesFor, deleteDraft, saveDraft, sendMessage, type RequestOrigin } from './send.service';
import { deleteStaticList, listStaticLists, saveStaticList } from './static-lists.service';
import { contactablePeople } from './contactable';
import { AppError } from '../../http/errors';
import { fullName } from '../directory/person-name';

const idParam = z.string().uuid();
const origin = (ctx: Context): RequestOrigin => ({ ip: ctx.ip ?? null, sessionId: ctx.state.actor.sessionId });

/** Messagerie: mailbox, address book, lists, sends and replies, and the school's safety controls. */
export function messagingRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai/messaging' });
  router.use(schoolScope(deps));
  const now = () => deps.clock.now();

  router.get('/counts', async (ctx) => {
    ctx.body = await counts(deps.db, ctx.state.actor, ctx.state.school);
  });

  router.get('/folders/:folder', async (ctx) => {
    const folder = parseInput(z.enum(folders), ctx.params.folder);
    const q = parseInput(folderQuerySchema, ctx.query);
    ctx.body = await folderPage(deps.db, ctx.state.actor, ctx.state.school, folder, q.before ? new Date(q.before) : null, q.limit);
  });

  router.get('/search', async (ctx) => {
    const { q } = parseInput(searchQuerySchema, ctx.query);
    ctx.body = await searchMessages(deps.db, ctx.state.actor, ctx.state.school, q);
  });

  router.get('/contacts', async (ctx) => {
    const q = parseInput(contactsQuerySchema, ctx.query);
    ctx.body = await addressBook(deps.db, ctx.state.actor, ctx.state.school, q, now());
  });

  router.get('/lists', async (ctx) => {
    assertAllowed(ctx.state.actor, 'messaging.use', { schoolId: ctx.state.school.id });
    ctx.body = await availableLists(deps.db, ctx.state.actor);
  });

  router.get('/lists/static', async (ctx) => {
    ctx.body = await listStaticLists(deps.db, ctx.state.actor, ctx.state.school);
  });
  router.post('/lists/static', async (ctx) => {
    ctx.status = 201;
    ctx.body = await saveStaticList(deps.db, ctx.state.actor, ctx.state.school, null, parseInput(staticListSchema, ctx.request.body), now());
  });
  router.put('/lists/static/:id', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    ctx.body = await saveStaticList(deps.db, ctx.state.actor, ctx.state.school, id, parseInput(staticListSchema, ctx.request.body), now());
  });
  router.delete('/lists/static/:id', async (ctx) => {
    await deleteStaticList(deps.db, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id));
    ctx.status = 204;
  });

  // what the composer shows before sending: the count, the confirmation threshold, who waits
  router.post('/recipient-count', async (ctx) => {
    const { actor, school } = ctx.state;
    assertAllowed(actor, 'messaging.use', { schoolId: school.id });
    const { to } = parseInput(z.object({ to: addresseesSchema }).strict(), ctx.request.body);
    const lists = await checkListKeys(deps.db, actor, to.lists);
    const allowed = to.people.length ? await contactablePeople(deps.db, actor, await loadContactTable(deps.db, school.id), { ids: to.people }) : [];
    const refused = to.people.filter((id) => !allowed.some((p) => p.id === id));
    if (refused.length) throw new AppError('recipient_not_allowed', 'Vous ne pouvez pas écrire à certains de ces destinataires.', { refused });
    const recipients = await resolveRecipients(deps.db, actor, lists.map((l) => l.key), to.people);
    const copies = await copiesFor(deps, actor, school, recipients, now());
    const settings = messagingSettings(school);
    ctx.body = {
      recipients: recipients.length,
      confirmAbove: settings.confirmAbove,
      perSend: limitsFor(settings, actor.profile).perSend,
      deferred: copies
        .filter((c) => c.deliverAt)
        .map((c) => {
          const p = allowed.find((a) => a.id === c.personId)!;
          return { person: { id: p.id, name: fullName(p), profile: p.profile }, deliverAt: c.deliverAt!.toISOString(), notice: deferredNotice(fullName(p), c.deliverAt!, school.timeZone) };
        }),
    };
  });

  router.post('/messages', async (ctx) => {
    const result = await sendMessage(deps, ctx.state.actor, ctx.state.school, parseInput(sendSchema, ctx.request.body), origin(ctx));
    ctx.status = result.status === 'sent' ? 201 : 202;
    ctx.body = result;
  });

  router.post('/drafts', async (ctx) => {
    const id = await saveDraft(deps, ctx.state.actor, ctx.state.school, parseInput(draftSchema, ctx.request.body), null);
    ctx.status = 201;
    ctx.body = await draftView(deps.db, ctx.state.actor, ctx.state.school, id);
  });
  router.get('/drafts/:id', async (ctx) => {
    ctx.body = await draftView(deps.db, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id));
  });
  router.put('/drafts/:id', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    await saveDraft(deps, ctx.state.actor, ctx.state.school, parseInput(draftSchema, ctx.request.body), id);
    ctx.body = await draftView(deps.db, ctx.state.actor, ctx.state.school, id);
  });
  router.delete('/drafts/:id', async (ctx) => {
    await deleteDraft(deps, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id));
    ctx.status = 204;
  });

  // opening a thread reads it: the authors see their read receipts live
  router.get('/threads/:id', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    const view = await threadView(deps.db, ctx.state.actor, ctx.state.school, id, now());
    await markThreadRead(deps, ctx.state.actor, ctx.state.school, id);
    ctx.body = view;
  });
  router.post('/threads/:id/replies', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    const result = await reply(deps, ctx.state.actor, ctx.state.school, id, parseInput(replySchema, ctx.request.body), origin(ctx));
    ctx.status = result.status === 'sent' ? 201 : 202;
    ctx.body = result;
  });

  router.get('/messages/:id/receipts', async (ctx) => {
    ctx.body = await readStats(deps.db, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id));
  });
  router.post('/messages/:id/recall', async (ctx) => {
    ctx.body = await recallMessage(deps, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id));
  });
  router.post('/messages/:id/cancel', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    await cancelSend(deps, ctx.state.actor, ctx.state.school, id);
    ctx.body = await draftView(deps.db, ctx.state.actor, ctx.state.school, id);
  });
  router.post('/messages/:id/trash', async (ctx) => {
    await setTrashed(deps, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id), true);
    ctx.status = 204;
  });
  router.post('/messages/:id/restore', async (ctx) => {
    await setTrashed(deps, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id), false);
    ctx.status = 204;
  });

  fileRoutes(router, '/attachments', {
    maxBytes: MESSAGE_LIMITS.attachmentBytes,
    tooLarge: TOO_LARGE,
    store: (ctx, name, content) => storeAttachment(deps.db, ctx.state.actor, ctx.state.school, name, content),
    load: (ctx, id) => loadAttachment(deps.db, ctx.state.actor, ctx.state.school, id),
  });

  router.get('/availability', async (ctx) => {
    const { actor, school } = ctx.state;
    assertAllowed(actor, 'messaging.availability', { schoolId: school.id });
    ctx.body = (await loadAvailability(deps.db, school.id, [actor.personId])).get(actor.personId) ?? NO_CLOSING;
  });
  router.put('/availability', async (ctx) => {
    const { actor, school } = ctx.state;
    assertAllowed(actor, 'messaging.availability', { schoolId: school.id });
    ctx.body = await saveAvailability(deps.db, school.id, actor.personId, parseInput(availabilitySchema, ctx.request.body), now());
  });

  router.get('/rules', async (ctx) => {
    assertAllowed(ctx.state.actor, 'messaging.rules.read', { schoolId: ctx.state.school.id });
    ctx.body = (await loadContactTable(deps.db, ctx.state.school.id)).toDtos();
  });
  router.put('/rules', async (ctx) => {
    const { actor, school } = ctx.state;
    assertAllowed(actor, 'messaging.rules.edit', { schoolId: school.id });
    const { rules } = parseInput(contactRulesSchema, ctx.request.body);
    ctx.body = (await saveContactRules(deps.db, school.id, rules, actor.personId, now())).toDtos();
  });

  router.get('/settings', async (ctx) => {
    assertAllowed(ctx.state.actor, 'messaging.safety', { schoolId: ctx.state.school.id });
    ctx.body = await settingsDto(deps, ctx.state.school);
  });
  router.patch('/settings', async (ctx) => {
    ctx.body = await updateMessagingSettings(deps, ctx.state.actor, ctx.state.school, parseInput(messagingSettingsSchema, ctx.request.body));
  });
  router.put('/freeze', async (ctx) => {
    const { frozen } = parseInput(freezeSchema, ctx.request.body);
    ctx.body = (await setFrozen(deps, ctx.state.actor, ctx.state.school, frozen)).settings;
  });
  router.post('/suspensions', async (ctx) => {
    const { personId } = parseInput(suspensionSchema, ctx.request.body);
    ctx.body = await suspend(deps, ctx.state.actor, ctx.state.school, personId, true);
  });
  router.delete('/suspensions/:personId', async (ctx) => {
    ctx.body = await suspend(deps, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.personId), false);
  });
  router.get('/audit', async (ctx) => {
    const { before } = parseInput(z.object({ before: z.string().datetime({ offset: true }).optional() }).strict(), ctx.query);
    ctx.body = await auditTrail(deps, ctx.state.actor, ctx.state.school, before ? new Date(before) : null);
  });

  return router;
}
