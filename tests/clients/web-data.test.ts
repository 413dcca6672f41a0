import { describe, expect, it, vi } from 'vitest';
import { Api, ApiError } from '../../clients/shared/api';
import { createI18n } from '../../clients/shared/i18n';
import { contrastRatio, inkOn } from '../../clients/shared/brand-colour';
import { addToFeed } from '../../clients/web/src/lib/live-feed';
import { profileLabel } from '../../clients/web/src/lib/person-labels';
import { schoolChanges } from '../../clients/web/src/lib/school-changes';
import { checkSignInForm, describeSignInError } from '../../clients/shared/sign-in-errors';
import { SessionStore } from '../../clients/web/src/lib/session-store';
import { en } from '../../clients/web/src/i18n/en';
import { fr, type WebKey } from '../../clients/web/src/i18n/fr';
import type { EventEnvelope } from '../../server/contracts/events';

const { t } = createI18n<WebKey>({ fr, en }, { storage: null, languages: ['fr'] });

function jsonResponse(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('Api', () => {
  it('sends JSON with same-origin credentials and parses the answer', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { ok: true }));
    const api = new Api({ fetch });
    await expect(api.post('/auth/login', { login: 'a', password: 'b' })).resolves.toEqual({ ok: true });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/login');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"login":"a","password":"b"}' });
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('throws ApiError with the hub’s code, message and details', async () => {
    const api = new Api({
      fetch: async () =>
        jsonResponse(429, { error: { code: 'account_locked', message: 'Compte verrouillé', details: { retryAfterSeconds: 300 } } }),
    });
    const err = await api.get('/auth/me').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, code: 'account_locked', message: 'Compte verrouillé', retryAfterSeconds: 300 });
  });

  it('turns bodies that are not the hub’s and network failures into ApiErrors too', async () => {
    const html = new Api({ fetch: async () => new Response('<html>Bad gateway</html>', { status: 502 }) });
    await expect(html.get('/x')).rejects.toMatchObject({ status: 502, code: 'internal_error' });
    const down = new Api({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(down.get('/x')).rejects.toMatchObject({ status: 0, code: 'network_error' });
    const empty = new Api({ fetch: async () => new Response(null, { status: 204 }) });
    await expect(empty.post('/auth/logout')).resolves.toBeUndefined();
  });
});

describe('sign-in errors', () => {
  it('names the empty field before asking the hub', () => {
    expect(checkSignInForm('  ', '', t)).toEqual({ message: 'Saisissez votre identifiant et votre mot de passe.', field: 'login' });
    expect(checkSignInForm('', 'x', t)?.field).toBe('login');
    expect(checkSignInForm('a', '', t)).toEqual({ message: 'Saisissez votre mot de passe.', field: 'password' });
    expect(checkSignInForm('a', 'b', t)).toBeNull();
  });

  it('explains lockouts with the wait time', () => {
    const locked = describeSignInError(new ApiError(429, 'account_locked', 'x', { retryAfterSeconds: 840 }), t);
    expect(locked).toEqual({
      message: 'Ce compte est verrouillé après plusieurs essais infructueux. Réessayez dans 14\u00a0min.',
      retryAfterSeconds: 840,
    });
    const rate = describeSignInError(new ApiError(429, 'too_many_attempts', 'x', { retryAfterSeconds: 30 }), t);
    expect(rate.message).toBe('Trop de tentatives de connexion depuis cet appareil. Réessayez dans 30\u00a0s.');
    const noWait = describeSignInError(new ApiError(429, 'account_locked', 'x'), t);
    expect(noWait.message).toContain('Réessayez dans quelques minutes.');
  });

  it('points at the password for wrong credentials, and keeps unknown hub messages', () => {
    expect(describeSignInError(new ApiError(401, 'invalid_credentials', 'x'), t).field).toBe('password');
    expect(describeSignInError(new ApiError(403, 'cross_site_request', 'Requête refusée.'), t).message).toBe('Requête refusée.');
    expect(describeSignInError(new Error('boom'), t).message).toBe('La connexion a échoué. Réessayez dans un instant.');
  });
});

describe('live feed', () => {
  const ev = (channel: string, seq: number, at: string) => ({ channel, seq, at, type: 'membership.changed', data: { uai: 'x', active: true } }) as EventEnvelope;
  it('keeps newest first, drops what it already has, and stays bounded', () => {
    let feed = addToFeed([], ev('a', 1, '2025-11-24T10:00:00Z'));
    feed = addToFeed(feed, ev('b', 9, '2025-11-24T10:05:00Z'));
    feed = addToFeed(feed, ev('a', 1, '2025-11-24T10:00:00Z'));
    // a replayed older event goes below the newer one
    feed = addToFeed(feed, ev('a', 0, '2025-11-24T09:00:00Z'));
    expect(feed.map((e) => `${e.channel}${e.seq}`)).toEqual(['b9', 'a1', 'a0']);
    for (let i = 2; i < 10; i++) feed = addToFeed(feed, ev('a', i, `2025-11-24T11:0${i}:00Z`), 5);
    expect(feed).toHaveLength(5);
    expect(feed[0].seq).toBe(9);
  });
});

describe('labels and colours', () => {
  it('names profiles in French, with the staff function', () => {
    expect(profileLabel('guardian', null, t)).toBe('responsable');
    expect(profileLabel('staff', 'vie_scolaire', t)).toBe('personnel — CPE / vie scolaire');
    expect(profileLabel('admin', null, t)).toBe('administrateur');
  });

  it('writes on a brand colour in whichever of white or black reads best', () => {
    expect(inkOn('#1d4ed8')).toBe('#ffffff');
    expect(inkOn('#ffd500')).toBe('#000000');
    for (const c of ['#1d4ed8', '#ffd500', '#00a86b', '#e11d48', '#777777']) expect(contrastRatio(c, inkOn(c))).toBeGreaterThanOrEqual(4.5);
  });

  it('sends only what changed in the school form', () => {
    const school = { id: 'x', uai: '0750654D', name: 'Collège', timeZone: 'Europe/Paris', branding: { color: '#1D4ED8', logoUrl: null } };
    expect(schoolChanges(school, ' Collège ', '#1d4ed8')).toBeNull();
    expect(schoolChanges(school, 'Collège Hugo', '#1D4ED8')).toEqual({ name: 'Collège Hugo' });
    expect(schoolChanges(school, 'Collège', '#FF0000')).toEqual({ branding: { color: '#ff0000' } });
  });
});

describe('SessionStore', () => {
  const me = { id: 'u1', current: { school: { uai: '0750654D', name: 'Ancien nom' } }, memberships: [{ uai: '0750654D', schoolName: 'Ancien nom' }] };
  it('shows the sign-in page when the hub answers 401, and the error page when it is unreachable', async () => {
    const store = new SessionStore({ get: async () => Promise.reject(new ApiError(401, 'unauthenticated', '')), post: vi.fn() });
    await store.load();
    expect(store.state).toEqual({ status: 'signedOut' });
    const down = new SessionStore({ get: async () => Promise.reject(new ApiError(0, 'network_error', '')), post: vi.fn() });
    await down.load();
    expect(down.state.status).toBe('unreachable');
  });

  it('applies a school update to the header and memberships, and ends on a 401 while signed in', async () => {
    let answer: unknown = me;
    const store = new SessionStore({ get: async () => (answer instanceof Error ? Promise.reject(answer) : answer) as never, post: vi.fn() });
    await store.load();
    store.applySchool({ ...me.current.school, name: 'Nouveau nom' } as never);
    expect(store.me?.current.school.name).toBe('Nouveau nom');
    expect(store.me?.memberships[0].schoolName).toBe('Nouveau nom');
    answer = new ApiError(0, 'network_error', '');
    await store.revalidate();
    expect(store.state.status).toBe('signedIn');
    answer = new ApiError(401, 'unauthenticated', '');
    await store.revalidate();
    expect(store.state).toEqual({ status: 'signedOut', reason: 'expired' });
  });
});
