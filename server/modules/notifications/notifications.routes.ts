import Router from '@koa/router';
import { z } from 'zod';
import { assertAllowed } from '../../authz/registry';
import { notificationSettingsSchema, preferencesInputSchema, pushSubscriptionSchema } from '../../contracts/notifications';
import { requireActor } from '../../http/auth';
import type { HubDeps } from '../../http/deps';
import { schoolScope } from '../../http/school-scope';
import { parseInput } from '../../http/validate';
import { updateSettingsSection } from '../directory/school-settings';
import { inbox, markNotifications, preferences, savePreferences, subscribePush, unsubscribePush } from './inbox.service';
import { digestTimeOf } from './digest-schedule';
import { notificationSettings } from './notification-settings';
import { DEFAULT_PUSH_HOSTS, vapidKeys } from './push-sender';

const idsSchema = z.object({ ids: z.array(z.string().uuid()).min(1).max(200) }).strict();

/** A person's notifications and preferences in a school; the school's quiet hours and delays. */
export function notificationsRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai/notifications' });
  router.use(schoolScope(deps));
  const now = () => deps.clock.now();

  router.get('/', async (ctx) => {
    const { before } = parseInput(z.object({ before: z.string().datetime({ offset: true }).optional() }).strict(), ctx.query);
    ctx.body = await inbox(deps.db, ctx.state.actor, ctx.state.school, before ? new Date(before) : null);
  });
  router.post('/seen', async (ctx) => {
    await markNotifications(deps.db, ctx.state.actor, ctx.state.school, parseInput(idsSchema, ctx.request.body).ids, false, now());
    ctx.status = 204;
  });
  router.post('/acknowledge', async (ctx) => {
    await markNotifications(deps.db, ctx.state.actor, ctx.state.school, parseInput(idsSchema, ctx.request.body).ids, true, now());
    ctx.status = 204;
  });
  router.get('/preferences', async (ctx) => {
    ctx.body = await preferences(deps.db, ctx.state.actor, ctx.state.school);
  });
  router.put('/preferences', async (ctx) => {
    ctx.body = await savePreferences(deps.db, ctx.state.actor, ctx.state.school, parseInput(preferencesInputSchema, ctx.request.body).preferences, now());
  });
  router.get('/settings', async (ctx) => {
    assertAllowed(ctx.state.actor, 'notifications.use', { schoolId: ctx.state.school.id });
    ctx.body = publicSettings(ctx.state.school);
  });
  router.patch('/settings', async (ctx) => {
    assertAllowed(ctx.state.actor, 'notifications.settings', { schoolId: ctx.state.school.id });
    const row = await updateSettingsSection(deps.db, ctx.state.school.id, 'notifications', parseInput(notificationSettingsSchema, ctx.request.body), now());
    ctx.body = publicSettings(row);
  });
  return router;
}

/** What the school's families see of its notification settings (quiet hours shown in the PWA). */
function publicSettings(school: { settings: unknown }) {
  const { quietHours, emailDelaySeconds, escalationMinutes } = notificationSettings(school);
  return { quietHours, emailDelaySeconds, escalationMinutes, digestTime: digestTimeOf(school) };
}

/** A device's push subscription belongs to the person, whatever school they act in. */
export function pushRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/push' });
  const allowed = [...DEFAULT_PUSH_HOSTS, ...deps.config.pushAllowedHosts];
  router.get('/vapid-public-key', async (ctx) => {
    requireActor(ctx);
    ctx.body = { publicKey: (await vapidKeys(deps.db)).publicKey };
  });
  router.post('/subscriptions', async (ctx) => {
    const actor = requireActor(ctx);
    const input = parseInput(pushSubscriptionSchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = await subscribePush(deps.db, actor.personId, input, allowed, ctx.get('user-agent') || null);
  });
  router.delete('/subscriptions', async (ctx) => {
    const actor = requireActor(ctx);
    const { endpoint } = parseInput(z.object({ endpoint: z.string().url().max(1000) }).strict(), ctx.request.body);
    await unsubscribePush(deps.db, actor.personId, endpoint);
    ctx.status = 204;
  });
  return router;
}
