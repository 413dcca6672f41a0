import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_MAX_FAILURES, ADDRESS_MAX_FAILURES } from '../../server/modules/auth/login-limiter';
import { addMembership, createPerson, createSchool, TEST_PASSWORD } from '../helpers/factories';
import { hubFetch, signIn } from '../helpers/http-client';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

describe('sign-in', () => {
  it('signs in with the right password, sets a hardened cookie and answers who am I', async () => {
    const school = await createSchool(hub.database.db);
    const teacher = await createPerson(hub.database.db, school.id, 'teacher', { firstName: 'Inès' });
    const res = await hubFetch(hub.url)('/api/auth/login', { method: 'POST', json: { login: teacher.login.toUpperCase(), password: TEST_PASSWORD } });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('preau_session='))!;
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=lax/i);
    expect(cookie).not.toMatch(/secure/i); // PUBLIC_URL is http here
    const me = await res.json();
    expect(me).toMatchObject({ id: teacher.id, firstName: 'Inès', current: { profile: 'teacher', school: { uai: school.uai } } });
    expect(me.channels).toEqual(expect.arrayContaining([`school:${school.uai}`, `school:${school.uai}:profile:teacher`, `user:${teacher.id}`]));
    expect(JSON.stringify(me)).not.toContain('passwordHash');
  });

  it('refuses a wrong password and an unknown login with the same error', async () => {
    const school = await createSchool(hub.database.db);
    const person = await createPerson(hub.database.db, school.id, 'guardian');
    const wrong = await hubFetch(hub.url)('/api/auth/login', { method: 'POST', json: { login: person.login, password: 'nope' } });
    const unknown = await hubFetch(hub.url)('/api/auth/login', { method: 'POST', json: { login: 'personne.inconnue', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await wrong.json()).error).toEqual((await unknown.json()).error);
  });

  it('validates the body with a stable code', async () => {
    const res = await hubFetch(hub.url)('/api/auth/login', { method: 'POST', json: { login: '' } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d: any) => d.path)).toEqual(expect.arrayContaining(['login', 'password']));
  });

  it('locks an account after repeated failures, even against the right password, and says for how long', async () => {
    const school = await createSchool(hub.database.db);
    const person = await createPerson(hub.database.db, school.id, 'student');
    const attempt = (password: string) => hubFetch(hub.url)('/api/auth/login', { method: 'POST', json: { login: person.login, password } });
    for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) expect((await attempt('mauvais')).status).toBe(401);
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60);
    const body = await locked.json();
    expect(body.error.code).toBe('account_locked');
    expect(body.error.message).toMatch(/verrouillé/);
    expect(body.error.details.retryAfterSeconds).toBeGreaterThan(60);
  });

  it('a success resets the failure count of the account', async () => {
    const school = await createSchool(hub.database.db);
    const person = await createPerson(hub.database.db, school.id, 'student');
    const attempt = (password: string) => hubFetch(hub.url)('/api/auth/login', { method: 'POST', json: { login: person.login, password } });
    for (let i = 0; i < ACCOUNT_MAX_FAILURES - 1; i++) await attempt('mauvais');
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < ACCOUNT_MAX_FAILURES - 1; i++) await attempt('mauvais');
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
  });

  it('limits failures per address across accounts', async () => {
    const school = await createSchool(hub.database.db);
    const person = await createPerson(hub.database.db, school.id, 'teacher');
    const address = { 'x-forwarded-for': `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}` };
    const attempt = (login: string, password: string) =>
      hubFetch(hub.url)('/api/auth/login', { method: 'POST', json: { login, password }, headers: address });
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) expect((await attempt(`inconnu.${i}.${school.uai}`, 'x')).status).toBe(401);
    const blocked = await attempt(person.login, TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error.code).toBe('too_many_attempts');
    // the same account from another address is not blocked
    expect((await hubFetch(hub.url)('/api/auth/login', { method: 'POST', json: { login: person.login, password: TEST_PASSWORD } })).status).toBe(200);
  });

  it('logout revokes the session on the server', async () => {
    const school = await createSchool(hub.database.db);
    const person = await createPerson(hub.database.db, school.id, 'staff');
    const session = await signIn(hub.url, person.login);
    expect((await session.request('/api/auth/me')).status).toBe(200);
    expect((await session.request('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    const after = await session.request('/api/auth/me');
    expect(after.status).toBe(401);
    expect((await after.json()).error.code).toBe('unauthenticated');
  });

  it('a forged or unsigned cookie is not a session', async () => {
    const res = await hubFetch(hub.url, 'preau_session=abc; preau_session.sig=def')('/api/auth/me');
    expect(res.status).toBe(401);
  });

  it('switches school for a person with several memberships', async () => {
    const a = await createSchool(hub.database.db, { name: 'Collège A' });
    const b = await createSchool(hub.database.db, { name: 'Lycée B' });
    const parent = await createPerson(hub.database.db, a.id, 'guardian');
    await addMembership(hub.database.db, parent.id, b.id, 'guardian');
    const session = await signIn(hub.url, parent.login);
    const switched = await session.request('/api/auth/switch', { method: 'POST', json: { uai: b.uai } });
    expect(switched.status).toBe(200);
    const me = await switched.json();
    expect(me.current.school.uai).toBe(b.uai);
    expect(me.memberships.map((m: any) => m.schoolName).sort()).toEqual(['Collège A', 'Lycée B']);
    // not a member of a third school: refused
    const c = await createSchool(hub.database.db);
    expect((await session.request('/api/auth/switch', { method: 'POST', json: { uai: c.uai } })).status).toBe(403);
  });

  it('refuses cross-site writes by Origin', async () => {
    const res = await hubFetch(hub.url)('/api/auth/login', {
      method: 'POST',
      json: { login: 'x', password: 'y' },
      headers: { origin: 'https://evil.example' },
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('cross_site_request');
  });

  it('limits request bodies', async () => {
    const res = await hubFetch(hub.url)('/api/auth/login', { method: 'POST', json: { login: 'x', password: 'y'.repeat(200_000) } });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });
});
