import { randomInt } from 'node:crypto';
import { TEST_PASSWORD } from './factories';

/** A loopback address of this test process, sent as X-Forwarded-For (a header only: traffic stays on 127.0.0.1). */
export const testClientAddress = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

export interface Session {
  cookie: string;
  /** fetch against the hub with this session's cookie and a same-origin Origin header. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

/** Plain fetch with JSON and the hub's Origin (what a browser on the hub would send). */
export function hubFetch(baseUrl: string, cookie = '') {
  return (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    if (!headers.has('origin')) headers.set('origin', baseUrl);
    if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', testClientAddress);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(baseUrl + path, { ...init, headers, body, redirect: 'manual' });
  };
}

/** Signs in through the API and returns a client carrying the session cookie. */
export async function signIn(baseUrl: string, login: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await hubFetch(baseUrl)('/api/auth/login', { method: 'POST', json: { login, password } });
  if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, request: hubFetch(baseUrl, cookie) };
}
