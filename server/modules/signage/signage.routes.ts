import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { RateLimiterDrizzle } from 'rate-limiter-flexible';
import { z } from 'zod';
import { rateLimits } from '../../../db/schema';
import {
  alertEndSchema,
  alertTemplatesPutSchema,
  alertTriggerSchema,
  alertUpdateSchema,
  flashInputSchema,
  heartbeatSchema,
  pairingClaimSchema,
  screenCommandSchema,
  screenPairSchema,
  screenUpdateSchema,
} from '../../contracts/signage';
import type { HubDeps } from '../../http/deps';
import { AppError } from '../../http/errors';
import { schoolScope } from '../../http/school-scope';
import { parseInput } from '../../http/validate';
import { alertStatus, confirmDisplayed, endAlert, listTemplates, replaceTemplates, triggerAlert, updateAlert } from './alerts.service';
import { createFlash, listFlashes, removeFlash } from './flashes.service';
import { claimPairing, pairScreen, startPairing } from './pairing.service';
import { recordHeartbeat, screenSnapshot } from './screen-feed.service';
import { bearerToken, loadScreen, type ScreenActor } from './screen-token';
import { commandScreen, listScreens, revokeScreen, updateScreen } from './screens.service';

const idParam = z.string().uuid();
// an unpaired kiosk asks for a code when it starts and when one expires (every 15 min)
const PAIRINGS_PER_ADDRESS = 30;

/** What admins and direction do with the school's screens, ticker and alerts. */
export function signageRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai' });
  router.use(schoolScope(deps));
  const id = (ctx: Context) => parseInput(idParam, ctx.params.id);

  router.get('/screens', async (ctx) => {
    ctx.body = await listScreens(deps, ctx.state.actor, ctx.state.school);
  });
  router.post('/screens', async (ctx) => {
    ctx.status = 201;
    ctx.body = await pairScreen(deps, ctx.state.actor, ctx.state.school, parseInput(screenPairSchema, ctx.request.body));
  });
  router.patch('/screens/:id', async (ctx) => {
    ctx.body = await updateScreen(deps, ctx.state.actor, ctx.state.school, id(ctx), parseInput(screenUpdateSchema, ctx.request.body));
  });
  router.delete('/screens/:id', async (ctx) => {
    await revokeScreen(deps, ctx.state.actor, ctx.state.school, id(ctx));
    ctx.status = 204;
  });
  router.post('/screens/:id/commands', async (ctx) => {
    await commandScreen(deps, ctx.state.actor, ctx.state.school, id(ctx), parseInput(screenCommandSchema, ctx.request.body).command);
    ctx.status = 202;
  });

  router.get('/signage/flashes', async (ctx) => {
    ctx.body = await listFlashes(deps, ctx.state.actor, ctx.state.school);
  });
  router.post('/signage/flashes', async (ctx) => {
    ctx.status = 201;
    ctx.body = await createFlash(deps, ctx.state.actor, ctx.state.school, parseInput(flashInputSchema, ctx.request.body));
  });
  router.delete('/signage/flashes/:id', async (ctx) => {
    await removeFlash(deps, ctx.state.actor, ctx.state.school, id(ctx));
    ctx.status = 204;
  });

  router.get('/alerts/templates', async (ctx) => {
    ctx.body = await listTemplates(deps, ctx.state.actor, ctx.state.school);
  });
  router.put('/alerts/templates', async (ctx) => {
    ctx.body = await replaceTemplates(deps, ctx.state.actor, ctx.state.school, parseInput(alertTemplatesPutSchema, ctx.request.body).templates);
  });
  router.get('/alerts/active', async (ctx) => {
    ctx.body = await alertStatus(deps, ctx.state.actor, ctx.state.school);
  });
  router.post('/alerts', async (ctx) => {
    const { confirmed: _confirmed, ...input } = parseInput(alertTriggerSchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = await triggerAlert(deps, ctx.state.actor, ctx.state.school, input);
  });
  router.patch('/alerts/:id', async (ctx) => {
    ctx.body = await updateAlert(deps, ctx.state.actor, ctx.state.school, id(ctx), parseInput(alertUpdateSchema, ctx.request.body));
  });
  router.post('/alerts/:id/end', async (ctx) => {
    ctx.body = await endAlert(deps, ctx.state.actor, ctx.state.school, id(ctx), parseInput(alertEndSchema, ctx.request.body).kind);
  });
  return router;
}

/** Pairing, for a kiosk that has no token yet: a code to show, then its token once an admin paired it. */
export function pairingRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/signage/pairings' });
  const limiter = new RateLimiterDrizzle({ storeClient: deps.db, schema: rateLimits, keyPrefix: 'screen-pairing', points: PAIRINGS_PER_ADDRESS, duration: 3600 });
  router.post('/', async (ctx) => {
    try {
      await limiter.consume(ctx.ip);
    } catch {
      throw new AppError('rate_limited', 'Trop de demandes de code depuis cette adresse : réessayez plus tard.');
    }
    ctx.status = 201;
    ctx.body = await startPairing(deps.db, deps.config.publicUrl, deps.clock.now());
  });
  router.post('/claim', async (ctx) => {
    ctx.body = await claimPairing(deps.db, parseInput(pairingClaimSchema, ctx.request.body).secret, deps.clock.now());
  });
  return router;
}

/** The device token of the request, or a 401 the kiosk reads as « go back to pairing ». */
function screenAuth(deps: HubDeps) {
  return async (ctx: Context, next: Next) => {
    const token = bearerToken(ctx.get('authorization'));
    const screen = token ? await loadScreen(deps.db, token) : null;
    if (!screen) throw new AppError('screen_revoked', 'Cet écran n’est plus appairé.');
    ctx.state.screen = screen;
    await next();
  };
}

/** What a paired screen reads and reports, with its device token: its own feeds, nothing else. */
export function screenRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/screen' });
  router.use(screenAuth(deps));
  const screen = (ctx: Context) => ctx.state.screen as ScreenActor;
  router.get('/snapshot', async (ctx) => {
    ctx.set('cache-control', 'no-store');
    ctx.body = await screenSnapshot(deps, screen(ctx));
  });
  router.post('/heartbeat', async (ctx) => {
    ctx.body = await recordHeartbeat(deps, screen(ctx), parseInput(heartbeatSchema, ctx.request.body));
  });
  router.post('/alerts/:id/displayed', async (ctx) => {
    await confirmDisplayed(deps, screen(ctx), parseInput(idParam, ctx.params.id));
    ctx.status = 204;
  });
  return router;
}
