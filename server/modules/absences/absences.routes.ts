import Router from '@koa/router';
import { z } from 'zod';
import { assertAllowed } from '../../authz/registry';
import {
  absenceListQuerySchema,
  absenceSettingsSchema,
  justificationInputSchema,
  justificationReviewSchema,
  periodAbsenceSchema,
  reasonInputSchema,
  rollCallSubmitSchema,
} from '../../contracts/absences';
import { ABSENCE_LIMITS } from '../../contracts/absence-rules';
import { calendarDateSchema } from '../../contracts/timetable';
import type { HubDeps } from '../../http/deps';
import { fileRoutes } from '../../http/file-routes';
import { schoolScope } from '../../http/school-scope';
import { parseInput } from '../../http/validate';
import { updateSettingsSection } from '../directory/school-settings';
import { acknowledgeAbsence, dashboard, getAbsence, listAbsences, recordPeriod, removeAbsence } from './absences.service';
import { absenceSettings, boardSnapshot } from './board';
import { loadDocument, storeDocument } from './documents';
import { familyCourseChanges, followedStudents } from './family-views';
import { justificationQueue, reviewJustification, submitJustification } from './justifications.service';
import { createReason, listReasons, updateReason } from './reasons';
import { getRollCall, submitRollCall } from './roll-call.service';

const idParam = z.string().uuid();
const dayQuery = z.object({ date: calendarDateSchema.optional() });

/** Student absences: lists, periods, acknowledgements, justifications, reasons, the dashboard. */
export function absencesRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai/absences' });
  router.use(schoolScope(deps));
  const now = () => deps.clock.now();

  router.get('/', async (ctx) => {
    ctx.body = await listAbsences(deps.db, ctx.state.actor, ctx.state.school, now(), parseInput(absenceListQuerySchema, ctx.query));
  });

  router.post('/periods', async (ctx) => {
    ctx.status = 201;
    ctx.body = await recordPeriod(deps, ctx.state.actor, ctx.state.school, parseInput(periodAbsenceSchema, ctx.request.body));
  });

  router.get('/dashboard', async (ctx) => {
    ctx.body = await dashboard(deps.db, ctx.state.actor, ctx.state.school, now(), parseInput(dayQuery, ctx.query).date);
  });

  router.get('/students', async (ctx) => {
    ctx.body = await followedStudents(deps.db, ctx.state.actor, ctx.state.school);
  });

  router.get('/course-changes', async (ctx) => {
    ctx.body = await familyCourseChanges(deps.db, ctx.state.actor, ctx.state.school, now());
  });

  router.get('/reasons', async (ctx) => {
    ctx.body = await listReasons(deps.db, ctx.state.actor, ctx.state.school);
  });

  router.post('/reasons', async (ctx) => {
    ctx.status = 201;
    ctx.body = await createReason(deps.db, ctx.state.actor, ctx.state.school, parseInput(reasonInputSchema, ctx.request.body));
  });

  router.put('/reasons/:id', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    ctx.body = await updateReason(deps.db, ctx.state.actor, ctx.state.school, id, parseInput(reasonInputSchema, ctx.request.body), now());
  });

  fileRoutes(router, '/documents', {
    maxBytes: ABSENCE_LIMITS.documentBytes,
    tooLarge: 'Document trop volumineux (5 Mo au plus).',
    store: (ctx, name, content) => storeDocument(deps.db, ctx.state.actor, ctx.state.school, name, content),
    load: (ctx, id) => loadDocument(deps.db, ctx.state.actor, ctx.state.school, id),
  });

  router.get('/justifications', async (ctx) => {
    ctx.body = await justificationQueue(deps.db, ctx.state.actor, ctx.state.school);
  });

  router.post('/justifications', async (ctx) => {
    ctx.status = 201;
    ctx.body = await submitJustification(deps, ctx.state.actor, ctx.state.school, parseInput(justificationInputSchema, ctx.request.body));
  });

  router.post('/justifications/:id/review', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    const { decision, comment } = parseInput(justificationReviewSchema, ctx.request.body);
    ctx.body = await reviewJustification(deps, ctx.state.actor, ctx.state.school, id, decision, comment);
  });

  router.get('/settings', async (ctx) => {
    assertAllowed(ctx.state.actor, 'board.read', { schoolId: ctx.state.school.id });
    ctx.body = absenceSettings(ctx.state.school);
  });

  router.patch('/settings', async (ctx) => {
    assertAllowed(ctx.state.actor, 'absences.settings', { schoolId: ctx.state.school.id });
    const school = await updateSettingsSection(deps.db, ctx.state.school.id, 'absences', parseInput(absenceSettingsSchema, ctx.request.body), now());
    ctx.body = absenceSettings(school);
  });

  router.get('/:id', async (ctx) => {
    ctx.body = await getAbsence(deps.db, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id));
  });

  router.delete('/:id', async (ctx) => {
    await removeAbsence(deps, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id));
    ctx.status = 204;
  });

  router.post('/:id/acknowledge', async (ctx) => {
    ctx.body = await acknowledgeAbsence(deps, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id));
  });

  return router;
}

/** The roll call of one course occurrence (course id + date). */
export function rollCallRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai/roll-calls' });
  router.use(schoolScope(deps));

  router.get('/:id/:date', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    const date = parseInput(calendarDateSchema, ctx.params.date);
    ctx.body = await getRollCall(deps, ctx.state.actor, ctx.state.school, id, date);
  });

  router.put('/:id/:date', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    const date = parseInput(calendarDateSchema, ctx.params.date);
    ctx.body = await submitRollCall(deps, ctx.state.actor, ctx.state.school, id, date, parseInput(rollCallSubmitSchema, ctx.request.body));
  });

  return router;
}

/** The hall board's snapshot (live updates on the school's board channel). */
export function boardRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai/board' });
  router.use(schoolScope(deps));
  router.get('/', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await boardSnapshot(deps.db, ctx.state.actor, ctx.state.school, deps.clock.now());
  });
  return router;
}
