import type { Database } from '../../db/client';
import type { PairingClaimDto, PairingStartDto, ScreenDto, ScreenLayout, ScreenZone } from '../../server/contracts/signage';
import { createPerson, createSchool } from '../helpers/factories';
import { hubFetch, signIn, type Session } from '../helpers/http-client';

/** A school with the people who deal with its screens and alerts, signed in. */
export async function signageSchool(database: Database, url: string) {
  const db = database.db;
  const school = await createSchool(db, { name: 'Collège Jean Moulin' });
  const admin = await createPerson(db, school.id, 'admin', { email: `admin.${school.uai.toLowerCase()}@example.org` });
  const direction = await createPerson(db, school.id, 'direction', { firstName: 'Hélène', lastName: 'Marchand' });
  const teacher = await createPerson(db, school.id, 'teacher');
  const guardian = await createPerson(db, school.id, 'guardian');
  const staff = await createPerson(db, school.id, 'staff', { staffFunction: 'vie_scolaire' });
  const sessions = {
    admin: await signIn(url, admin.login),
    direction: await signIn(url, direction.login),
    teacher: await signIn(url, teacher.login),
    guardian: await signIn(url, guardian.login),
    staff: await signIn(url, staff.login),
  };
  return { school, people: { admin, direction, teacher, guardian, staff }, sessions };
}

/** A kiosk's requests: no cookie, its device token once it has one. */
export function kiosk(url: string, token?: string) {
  const fetchHub = hubFetch(url);
  return (path: string, init: RequestInit & { json?: unknown } = {}) =>
    fetchHub(path, { ...init, headers: { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}

/** The whole pairing: the kiosk asks for a code, the admin pairs it, the kiosk collects its token. */
export async function pairScreen(url: string, admin: Session, uai: string, opts: { name?: string; zone?: ScreenZone; layout?: ScreenLayout } = {}) {
  const start = (await (await kiosk(url)('/api/signage/pairings', { method: 'POST' })).json()) as PairingStartDto;
  const res = await admin.request(`/api/schools/${uai}/screens`, {
    method: 'POST',
    json: { code: start.code, name: opts.name ?? 'Hall principal', zone: opts.zone ?? 'hall', layout: opts.layout ?? 'landscape' },
  });
  if (res.status !== 201) throw new Error(`pairing failed: ${res.status} ${await res.text()}`);
  const screen = (await res.json()) as ScreenDto;
  const claim = (await (await kiosk(url)('/api/signage/pairings/claim', { method: 'POST', json: { secret: start.secret } })).json()) as PairingClaimDto;
  if (claim.status !== 'paired') throw new Error('claim still pending');
  return { screen, token: claim.token };
}

/** Always on: the schedule never gets in the way of tests that are not about it. */
export const ALWAYS_ON = { days: Array.from({ length: 7 }, () => ({ on: '00:00', off: '23:59' })), closed: [] };
