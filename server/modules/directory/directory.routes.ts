import Router from '@koa/router';
import { z } from 'zod';
import { assertAllowed } from '../../authz/registry';
import { profileSchema, schoolUpdateSchema } from '../../contracts/directory';
import type { HubDeps } from '../../http/deps';
import { AppError } from '../../http/errors';
import { readRawBody } from '../../http/raw-body';
import { schoolScope } from '../../http/school-scope';
import { parseInput } from '../../http/validate';
import { toSchoolDto } from './school.dto';
import { findGroup, listGroups, listPeople, teachesGroup, updateSchool } from './directory.service';
import { importDirectory } from './import/apply';

const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

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
    if (!ctx.is('text/csv', 'text/plain', 'application/octet-stream')) {
      throw new AppError('unsupported_media_type', 'Envoyez le fichier CSV avec le type text/csv.');
    }
    const dryRun = parseInput(z.enum(['0', '1', 'true', 'false']).default('0'), ctx.query.dryRun);
    const csv = await readRawBody(ctx, IMPORT_MAX_BYTES, 'Fichier trop volumineux (10 Mo au plus).');
    const report = await importDirectory(deps, { schoolId: school.id, csv, dryRun: dryRun === '1' || dryRun === 'true', actorId: actor.personId });
    if (report.errors.length > 0) {
      ctx.status = 422;
      ctx.body = { error: { code: 'import_invalid', message: `Le fichier contient ${report.errors.length} ligne(s) en erreur : rien n’a été importé.`, details: report } };
      return;
    }
    ctx.body = report;
  });

  return router;
}
