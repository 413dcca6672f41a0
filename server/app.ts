import { join } from 'node:path';
import bodyParser from '@koa/bodyparser';
import Koa from 'koa';
import './authz/policies';
import { sessionAuth } from './http/auth';
import type { HubDeps } from './http/deps';
import { errorHandler } from './http/error-handler';
import { healthRoutes } from './http/health.routes';
import { originCheck } from './http/origin-check';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import { staticClients } from './http/static-clients';
import { absencesRoutes, boardRoutes, rollCallRoutes } from './modules/absences/absences.routes';
import { teacherAbsencesRoutes } from './modules/absences/teacher-absences.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { directoryRoutes } from './modules/directory/directory.routes';
import { messagingRoutes } from './modules/messaging/messaging.routes';
import { unsubscribeRoutes } from './modules/notifications/email/unsubscribe';
import { notificationsRoutes, pushRoutes } from './modules/notifications/notifications.routes';
import { newsRoutes } from './modules/news/news.routes';
import { publicNewsRoutes } from './modules/news/public.routes';
import { indicatorsRoutes } from './modules/indicators/indicators.routes';
import { privacyRoutes, retentionRoutes } from './modules/privacy/privacy.routes';
import { pairingRoutes, screenRoutes, signageRoutes } from './modules/signage/signage.routes';
import { timetableRoutes } from './modules/timetable/timetable.routes';

export const distDir = join(process.cwd(), 'dist', 'clients');

/** The API routers, in one list: the school-isolation test walks every route they declare. */
export function apiRouters(deps: HubDeps) {
  return [
    authRoutes(deps),
    directoryRoutes(deps),
    newsRoutes(deps),
    timetableRoutes(deps),
    absencesRoutes(deps),
    rollCallRoutes(deps),
    teacherAbsencesRoutes(deps),
    boardRoutes(deps),
    messagingRoutes(deps),
    notificationsRoutes(deps),
    pushRoutes(deps),
    signageRoutes(deps),
    pairingRoutes(deps),
    screenRoutes(deps),
    privacyRoutes(deps),
    retentionRoutes(deps),
    indicatorsRoutes(deps),
  ];
}

/** Builds the Koa app without listening: main.ts serves it, tests call app.callback(). */
export function buildApp(deps: HubDeps, opts: { distDir?: string } = {}): Koa {
  const app = new Koa({ keys: deps.cookieKeys, proxy: deps.config.trustProxy });
  app.use(requestContext(deps.log));
  app.use(errorHandler());
  app.use(securityHeaders());
  const health = healthRoutes(deps);
  app.use(health.routes());
  // one-click unsubscribe (RFC 8058): mail clients and webmails post from their own origin, with
  // a form body and no session; the signed token in the path is the only permission it needs
  const unsubscribe = unsubscribeRoutes(deps);
  app.use(unsubscribe.routes()).use(unsubscribe.allowedMethods());
  app.use(originCheck([new URL(deps.config.publicUrl).origin]));
  // DELETE too: removing a push subscription names its endpoint in the body (it is too long for a path)
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '100kb', encoding: 'utf-8', parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'] }));
  app.use(sessionAuth(deps));
  for (const router of apiRouters(deps)) app.use(router.routes()).use(router.allowedMethods());
  // the school's public pages (no session): public news and its Atom feed
  app.use(publicNewsRoutes(deps).routes());
  app.use(staticClients(opts.distDir ?? distDir));
  return app;
}
