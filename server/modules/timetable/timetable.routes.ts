import Router from '@koa/router';
import { z } from 'zod';
import { assertAllowed } from '../../authz/registry';
import { calendarDateSchema, courseInputSchema, slotsPutSchema, timetableSettingsSchema } from '../../contracts/timetable';
import { toZonedDate } from '../../contracts/zoned-time';
import type { HubDeps } from '../../http/deps';
import { readCsvUpload, sendImportReport } from '../../http/csv-upload';
import { schoolScope } from '../../http/school-scope';
import { parseInput } from '../../http/validate';
import { loadCourses, occurrencesOn } from './course-rows';
import { importCourses, importSlots } from './import';
import { teacherDay, toOccurrenceDtos } from './occurrences';
import { createCourse, getTimetable, putSlots, removeCourse, updateCourse, updateTimetableSettings } from './timetable.service';

const idParam = z.string().uuid();
const dayQuery = z.object({ date: calendarDateSchema.optional(), scope: z.enum(['mine', 'school']).default('mine') });

/** Slots, weekly courses, A/B weeks, and the courses of a day. */
export function timetableRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai/timetable' });
  router.use(schoolScope(deps));
  const now = () => deps.clock.now();

  router.get('/', async (ctx) => {
    ctx.body = await getTimetable(deps.db, ctx.state.actor, ctx.state.school);
  });

  // a day's occurrences (today by default, school time): the teacher's own, or the whole school's
  router.get('/day', async (ctx) => {
    const { actor, school } = ctx.state;
    assertAllowed(actor, 'timetable.read', { schoolId: school.id });
    const q = parseInput(dayQuery, ctx.query);
    const date = q.date ?? toZonedDate(now(), school.timeZone);
    const occurrences =
      q.scope === 'mine' ? await teacherDay(deps.db, school, actor.personId, date) : occurrencesOn(await loadCourses(deps.db, school.id), date, school);
    // the hub's "now" comes along: the client picks the current course by the school's clock, not the device's
    ctx.body = { date, now: now().toISOString(), occurrences: await toOccurrenceDtos(deps.db, occurrences) };
  });

  router.put('/slots', async (ctx) => {
    const { slots } = parseInput(slotsPutSchema, ctx.request.body);
    await putSlots(deps.db, ctx.state.actor, ctx.state.school, slots, now());
    ctx.body = await getTimetable(deps.db, ctx.state.actor, ctx.state.school);
  });

  router.post('/courses', async (ctx) => {
    const id = await createCourse(deps.db, ctx.state.actor, ctx.state.school, parseInput(courseInputSchema, ctx.request.body));
    ctx.status = 201;
    ctx.body = { id };
  });

  router.put('/courses/:id', async (ctx) => {
    await updateCourse(deps.db, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id), parseInput(courseInputSchema, ctx.request.body), now());
    ctx.status = 204;
  });

  router.delete('/courses/:id', async (ctx) => {
    await removeCourse(deps.db, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id), now());
    ctx.status = 204;
  });

  // the timetable's CSV files (docs/timetable-import.md): ?kind=slots first, then ?kind=courses
  router.post('/imports', async (ctx) => {
    const { school, actor } = ctx.state;
    assertAllowed(actor, 'timetable.manage', { schoolId: school.id });
    const kind = parseInput(z.enum(['slots', 'courses']), ctx.query.kind);
    const { csv, dryRun } = await readCsvUpload(ctx);
    const run = kind === 'slots' ? importSlots : importCourses;
    sendImportReport(ctx, await run(deps, { schoolId: school.id, csv, dryRun, actorId: actor.personId }));
  });

  router.patch('/settings', async (ctx) => {
    await updateTimetableSettings(deps.db, ctx.state.actor, ctx.state.school, parseInput(timetableSettingsSchema, ctx.request.body), now());
    ctx.status = 204;
  });

  return router;
}
