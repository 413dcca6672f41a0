import Router from '@koa/router';
import { z } from 'zod';
import { assertAllowed } from '../../authz/registry';
import { profileSchema, schoolUpdateSchema } from '../../contracts/directory';
import type { HubDeps } from '../../http/deps';
import { readCsvUpload, sendImportReport } from '../../http/csv-upload';
import { schoolScope } from '../../http/school-scope';
import { parseInput } from '../../http/validate';
import { toSchoolDto } from './school.dto';
import { findGroup, listGroups, listPeople, teachesGroup, updateSchool } from './directory.service';
import { importDirectory } from './import/apply';

const peopleQuery = z.object({
  profile: profileSchema.optional(),
  groupId: z.string().uuid().optional(),
  q: z.string().trim().max(80).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The annuaire: a school's identity, groups, people and CSV import. */
export function directoryRoutes(deps: HubDeps): Router {
  const router = new Router({ prefix: '/api/schools/:uai' });

  router.use(schoolScope(deps));

  router.get('/', async (ctx) => {
    ctx.body = toSchoolDto(ctx.state.school);
  });

  router.patch('/', async (ctx) => {
    const { school, actor } = ctx.state;
    assertAllowed(actor, 'school.update', { schoolId: school.id });
    const patch = parseInput(schoolUpdateSchema, ctx.request.body);
    ctx.body = await updateSchool(deps, actor, school, patch);
  });

  router.get('/groups', async (ctx) => {
    const { school } = ctx.state;
    assertAllowed(ctx.state.actor, 'directory.groups.list', { schoolId: school.id });
    ctx.body = await listGroups(deps.db, school.id);
  });

  router.get('/groups/:groupId/members', async (ctx) => {
    const { school, actor } = ctx.state;
    const groupId = parseInput(z.string().uuid(), ctx.params.groupId);
    const group = await findGroup(deps.db, school.id, groupId);
    assertAllowed(actor, 'directory.group.members', { schoolId: school.id, teachesGroup: await teachesGroup(deps.db, actor.personId, group.id) });
    ctx.body = await listPeople(deps.db, school.id, { groupId: group.id, limit: 500 });
  });

  router.get('/people', async (ctx) => {
    const { school } = ctx.state;
    assertAllowed(ctx.state.actor, 'directory.people.list', { schoolId: school.id });
    ctx.body = await listPeople(deps.db, school.id, parseInput(peopleQuery, ctx.query));
  });

  router.post('/imports', async (ctx) => {
    const { school, actor } = ctx.state;
    assertAllowed(actor, 'directory.import', { schoolId: school.id });
    const { csv, dryRun } = await readCsvUpload(ctx);
    sendImportReport(ctx, await importDirectory(deps, { schoolId: school.id, csv, dryRun, actorId: actor.personId }));
  });

  return router;
}
