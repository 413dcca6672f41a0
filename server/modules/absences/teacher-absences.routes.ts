import Router from '@koa/router';
import { z } from 'zod';
import { assertAllowed } from '../../authz/registry';
import { courseChangeInputSchema, teacherAbsenceInputSchema, teacherAbsencePreviewSchema } from '../../contracts/absences';
import type { HubDeps } from '../../http/deps';
import { schoolScope } from '../../http/school-scope';
import { parseInput } from '../../http/validate';
import {
  cancelTeacherAbsence,
  getTeacherAbsence,
  listTeacherAbsences,
  previewTeacherAbsence,
  recordTeacherAbsence,
  updateCourseChange,
} from './teacher-absences.service';

const idParam = z.string().uuid();

/** Teacher absences: the affected courses before confirming, then what happens to each. */
export function teacherAbsencesRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai/teacher-absences' });
  router.use(schoolScope(deps));
  const now = () => deps.clock.now();

  router.get('/', async (ctx) => {
    ctx.body = await listTeacherAbsences(deps.db, ctx.state.actor, ctx.state.school, now());
  });

  router.post('/preview', async (ctx) => {
    const p = parseInput(teacherAbsencePreviewSchema, ctx.request.body);
    ctx.body = await previewTeacherAbsence(deps.db, ctx.state.actor, ctx.state.school, {
      teacherId: p.teacherId,
      startsAt: new Date(p.startsAt),
      endsAt: new Date(p.endsAt),
    });
  });

  router.post('/', async (ctx) => {
    ctx.status = 201;
    ctx.body = await recordTeacherAbsence(deps, ctx.state.actor, ctx.state.school, parseInput(teacherAbsenceInputSchema, ctx.request.body));
  });

  router.get('/:id', async (ctx) => {
    assertAllowed(ctx.state.actor, 'teacher_absences.manage', { schoolId: ctx.state.school.id });
    ctx.body = await getTeacherAbsence(deps.db, ctx.state.school, parseInput(idParam, ctx.params.id));
  });

  router.delete('/:id', async (ctx) => {
    await cancelTeacherAbsence(deps, ctx.state.actor, ctx.state.school, parseInput(idParam, ctx.params.id));
    ctx.status = 204;
  });

  router.put('/:id/changes/:changeId', async (ctx) => {
    const id = parseInput(idParam, ctx.params.id);
    const changeId = parseInput(idParam, ctx.params.changeId);
    ctx.body = await updateCourseChange(deps, ctx.state.actor, ctx.state.school, id, changeId, parseInput(courseChangeInputSchema, ctx.request.body));
  });

  return router;
}
