import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { auditLog, memberships, people, schools } from '../../../../db/schema';
import { channels } from '../../../contracts/channels';
import type { ImportLineError, ImportReport } from '../../../contracts/directory';
import { systemClock, type Clock } from '../../../platform/clock';
import { allOrNothing, RejectedImport } from '../../../platform/all-or-nothing';
import { inTransaction, type EventPublisher, type UnitOfWork } from '../../../platform/outbox';
import { checkGroups, checkLogins, checkProfiles, resolveChildren } from './checks';
import { functionWords, profileWords, type ColumnKey, type ImportRow } from './csv-format';
import { deactivate } from './deactivate';
import { ensureGroups } from './ensure-groups';
import { findGuardiansElsewhere, type ExistingPerson } from './guardian-links';
import { loadLoginAllocator, wantedLogin } from './login-allocation';
import { parseDirectoryCsv, type ParsedFile } from './parse';
import { groupKey, loadSnapshot, type GroupRole, type KnownMember } from './snapshot';
import { syncGroupRoles, syncGuardianships } from './sync-links';

export interface ImportDeps {
  db: Db;
  publisher?: EventPublisher;
  clock?: Clock;
}

export interface ImportInput {
  schoolId: string;
  csv: Buffer | Uint8Array | string;
  dryRun: boolean;
  /** Who runs the import (audit, event); null from the command line or the demo. */
  actorId: string | null;
  onProgress?: (done: number, total: number) => void;
}

/** Longest list of change lines a report carries; the counts stay exact beyond it. */
export const MAX_CHANGE_LINES = 500;
const CHUNK = 50;
// any constant, distinct from the migration lock
const IMPORT_LOCK = 7_310_002;

/**
 * Imports a school's directory file, all or nothing, in one transaction: creates, updates,
 * reactivates and deactivates memberships keyed by external id. A dry run does exactly the
 * same work and rolls it back, so its report is the real one.
 */
export async function importDirectory(deps: ImportDeps, input: ImportInput): Promise<ImportReport> {
  const parsed = parseDirectoryCsv(input.csv);
  if (parsed.fatal) return { ...emptyReport(input.dryRun), rows: parsed.rowCount, errors: parsed.errors };
  return allOrNothing((settle) => inTransaction(deps, async (uow) => settle(await apply(uow, deps.clock ?? systemClock, input, parsed))), {
    dryRun: input.dryRun,
    refused: (errors) => ({ ...emptyReport(input.dryRun), rows: parsed.rowCount, errors }),
  });
}

function emptyReport(dryRun: boolean): ImportReport {
  return { dryRun, applied: false, rows: 0, created: 0, updated: 0, unchanged: 0, deactivated: 0, reactivated: 0, groupsCreated: 0, errors: [], changes: [] };
}

/** Who a line is about: a known membership, a guardian known in another school, or someone new. */
type Target =
  | { kind: 'known'; member: KnownMember }
  | { kind: 'linked'; person: ExistingPerson }
  | { kind: 'new'; personId: string };

type PersonPatch = Partial<Pick<typeof people.$inferInsert, 'firstName' | 'lastName' | 'civility' | 'email' | 'phone' | 'login' | 'active'>>;

async function apply(uow: UnitOfWork, clock: Clock, input: ImportInput, file: ParsedFile): Promise<ImportReport> {
  const { tx } = uow;
  const { rows, columns } = file;
  const now = clock.now();
  const [school] = await tx.select({ id: schools.id, uai: schools.uai }).from(schools).where(eq(schools.id, input.schoolId));
  if (!school) throw new Error(`Établissement introuvable : ${input.schoolId}`);
  // one import at a time, all schools together: two at once could hand out the same generated
  // login (unique across schools) or create the same people twice; imports are rare and short
  await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);

  const snap = await loadSnapshot(tx, school.id);
  const linked = await findGuardiansElsewhere(tx, school.id, rows.filter((r) => !snap.byExternalId.has(r.externalId)));
  const targets = new Map<ImportRow, Target>(
    rows.map((row): [ImportRow, Target] => {
      const member = snap.byExternalId.get(row.externalId);
      if (member) return [row, { kind: 'known', member }];
      const person = linked.get(row);
      return [row, person ? { kind: 'linked', person } : { kind: 'new', personId: randomUUID() }];
    }),
  );
  const personOf = (row: ImportRow) => {
    const t = targets.get(row)!;
    return t.kind === 'known' ? t.member.personId : t.kind === 'linked' ? t.person.id : t.personId;
  };

  // lines refused by parse() are reported together with those only the directory can refuse
  const errors: ImportLineError[] = [...file.errors];
  const childrenOf = resolveChildren(rows, file.fileIds, snap, personOf, errors);
  checkGroups(rows, snap, errors);
  checkProfiles(rows, snap, errors);
  await checkLogins(tx, rows, personOf, errors);
  if (errors.length > 0) throw new RejectedImport(errors.sort((a, b) => a.line - b.line));
  input.onProgress?.(0, rows.length);

  const changes: string[] = [];
  const { groupIds, kinds, created: groupsCreated } = await ensureGroups(tx, school.id, rows, snap, now, changes);

  // what the file says each person belongs to; people of the file with no group get an empty map
  const desiredRoles = new Map<string, Map<string, GroupRole>>();
  const desiredChildren = new Map<string, Set<string>>();
  for (const row of rows) {
    const pid = personOf(row);
    const roles = desiredRoles.get(pid) ?? new Map<string, GroupRole>();
    desiredRoles.set(pid, roles);
    const role: GroupRole | null = row.profile === 'teacher' ? 'teacher' : row.profile === 'student' || row.profile === 'staff' ? 'member' : null;
    for (const name of [...(row.className ? [row.className] : []), ...row.groupNames]) {
      const gid = groupIds.get(groupKey(name))!;
      if (role && roles.get(gid) !== 'teacher') roles.set(gid, role);
    }
    const kids = desiredChildren.get(pid) ?? new Set<string>();
    desiredChildren.set(pid, kids);
    for (const kid of childrenOf.get(row) ?? []) kids.add(kid);
  }

  // fields of a person that changed through their groups or children, told on their first line
  const linkChanges = new Map<string, string[]>();
  for (const row of rows) {
    const pid = personOf(row);
    if (linkChanges.has(pid) || targets.get(row)!.kind !== 'known') continue;
    const fields: string[] = [];
    const before = snap.groupRoles.get(pid) ?? new Map<string, GroupRole>();
    const after = desiredRoles.get(pid)!;
    const moved = [...new Set([...before.keys(), ...after.keys()])].filter((g) => before.get(g) !== after.get(g));
    if (moved.some((g) => kinds.get(g) === 'class' && row.profile === 'student')) fields.push('classe');
    if (moved.some((g) => !(kinds.get(g) === 'class' && row.profile === 'student'))) fields.push('groupes');
    if (!sameSet(snap.children.get(pid) ?? new Set(), desiredChildren.get(pid)!)) fields.push('enfants');
    linkChanges.set(pid, fields);
  }

  const loginAllocator = await loadLoginAllocator(tx, rows.filter((r) => targets.get(r)!.kind === 'new' && r.login === null), rows);
  const counts = { created: 0, updated: 0, unchanged: 0, reactivated: 0, deactivated: 0 };
  const reactivatedPeople: string[] = [];
  const reportedLinks = new Set<string>();

  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const newPeople: Array<typeof people.$inferInsert> = [];
    const newMemberships: Array<typeof memberships.$inferInsert> = [];
    for (const row of chunk) {
      const target = targets.get(row)!;
      if (target.kind === 'new') {
        const login = row.login ?? loginAllocator.allocate(wantedLogin(row));
        newPeople.push({ id: target.personId, login, firstName: row.firstName, lastName: row.lastName, civility: row.civility, email: row.email, phone: row.phone });
        newMemberships.push(membershipValues(school.id, target.personId, row));
        counts.created++;
        changes.push(`+ ${describe(row)}`);
        continue;
      }
      const current = target.kind === 'known' ? target.member : { ...target.person, personActive: target.person.active };
      const pid = target.kind === 'known' ? target.member.personId : target.person.id;
      const { patch, fields } = personDiff(current, row, columns);
      if (Object.keys(patch).length > 0) await tx.update(people).set({ ...patch, updatedAt: now }).where(eq(people.id, pid));
      if (target.kind === 'linked') {
        newMemberships.push(membershipValues(school.id, pid, row));
        counts.created++;
        changes.push(`+ ${describe(row)} — compte déjà connu dans un autre établissement`);
        continue;
      }
      const member = target.member;
      if (member.profile !== row.profile) fields.push('profil');
      if (member.staffFunction !== row.staffFunction) fields.push('fonction');
      if (!reportedLinks.has(pid)) fields.push(...linkChanges.get(pid)!);
      reportedLinks.add(pid);
      if (!member.active || fields.includes('profil') || fields.includes('fonction')) {
        await tx
          .update(memberships)
          .set({ profile: row.profile, staffFunction: row.staffFunction, active: true, deactivatedAt: null, updatedAt: now })
          .where(eq(memberships.id, member.membershipId));
      }
      if (!member.active) {
        counts.reactivated++;
        reactivatedPeople.push(pid);
        // leaving took their classes, groups and children away: getting them back is the reactivation itself
        const own = fields.filter((f) => !['classe', 'groupes', 'enfants'].includes(f));
        changes.push(`↺ ${describe(row)}${own.length > 0 ? ` : ${own.join(', ')}` : ''}`);
      } else if (fields.length > 0) {
        counts.updated++;
        changes.push(`~ ${describe(row)} : ${fields.join(', ')}`);
      } else {
        counts.unchanged++;
      }
    }
    if (newPeople.length > 0) await tx.insert(people).values(newPeople);
    if (newMemberships.length > 0) await tx.insert(memberships).values(newMemberships);
    input.onProgress?.(Math.min(start + CHUNK, rows.length), rows.length);
  }

  const inFile = new Set(rows.map((r) => r.externalId));
  const gone = snap.members.filter((m) => m.externalId !== null && m.active && !inFile.has(m.externalId));
  const peopleInFile = new Set(rows.map(personOf));
  const goneOnly = [...new Set(gone.map((m) => m.personId))].filter((pid) => !peopleInFile.has(pid));
  for (const pid of goneOnly) {
    // someone who left keeps no class, group or child in this school
    desiredRoles.set(pid, new Map());
    desiredChildren.set(pid, new Set());
  }
  await deactivate(tx, school.id, gone, now);
  counts.deactivated = gone.length;
  for (const m of gone) changes.push(`- ${profileWords[m.profile]} ${displayName(m.lastName, m.firstName)}`);

  await syncGroupRoles(tx, snap.groupRoles, desiredRoles);
  await syncGuardianships(tx, school.id, snap.children, desiredChildren);
  input.onProgress?.(rows.length, rows.length);

  const report: ImportReport = {
    dryRun: input.dryRun,
    applied: !input.dryRun,
    rows: rows.length,
    ...counts,
    groupsCreated,
    errors: [],
    changes: changes.length > MAX_CHANGE_LINES
      ? [...changes.slice(0, MAX_CHANGE_LINES), `… et ${changes.length - MAX_CHANGE_LINES} autres changements`]
      : changes,
  };
  // a dry run is rolled back anyway: no need to lock the channels' seq rows meanwhile
  if (input.dryRun) return report;

  for (const m of gone) await uow.emit(channels.user(m.personId), 'membership.changed', { uai: school.uai, active: false }, school.id);
  for (const pid of reactivatedPeople) await uow.emit(channels.user(pid), 'membership.changed', { uai: school.uai, active: true }, school.id);
  const summary = { created: counts.created, updated: counts.updated, deactivated: counts.deactivated, by: input.actorId ?? 'system' };
  await uow.emit(channels.profile(school.uai, 'admin'), 'directory.imported', summary, school.id);
  await uow.emit(channels.profile(school.uai, 'direction'), 'directory.imported', summary, school.id);
  // counts only: the audit trail must not become a copy of the directory
  await tx.insert(auditLog).values({
    schoolId: school.id,
    actorId: input.actorId,
    action: 'directory.import',
    meta: { rows: rows.length, ...counts, groupsCreated },
    at: now,
  });
  return report;
}

function membershipValues(schoolId: string, personId: string, row: ImportRow): typeof memberships.$inferInsert {
  return { personId, schoolId, profile: row.profile, staffFunction: row.staffFunction, externalId: row.externalId };
}

type PersonFields = Pick<KnownMember, 'firstName' | 'lastName' | 'civility' | 'email' | 'phone' | 'login' | 'personActive'>;

// civilité, email and phone columns left out of the header mean "keep what the directory has"
function personDiff(current: PersonFields, row: ImportRow, columns: ReadonlySet<ColumnKey>): { patch: PersonPatch; fields: string[] } {
  const patch: PersonPatch = {};
  const fields: string[] = [];
  const change = <K extends keyof PersonPatch>(key: K, value: PersonPatch[K], field: string) => {
    patch[key] = value;
    fields.push(field);
  };
  if (current.lastName !== row.lastName) change('lastName', row.lastName, 'nom');
  if (current.firstName !== row.firstName) change('firstName', row.firstName, 'prénom');
  if (columns.has('civilite') && current.civility !== row.civility) change('civility', row.civility, 'civilité');
  if (columns.has('email') && current.email !== row.email) change('email', row.email, 'email');
  if (columns.has('telephone') && current.phone !== row.phone) change('phone', row.phone, 'téléphone');
  if (row.login && current.login.toLowerCase() !== row.login) change('login', row.login, 'identifiant');
  if (!current.personActive) patch.active = true;
  return { patch, fields };
}

function displayName(lastName: string, firstName: string): string {
  return `${lastName.toLocaleUpperCase('fr-FR')} ${firstName}`;
}

function describe(row: ImportRow): string {
  const detail = row.className ?? (row.staffFunction ? functionWords[row.staffFunction] : null);
  return `${profileWords[row.profile]} ${displayName(row.lastName, row.firstName)}${detail ? ` (${detail})` : ''}`;
}

function sameSet<T>(a: Set<T>, b: Set<T>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}
