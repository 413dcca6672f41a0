import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../../server/platform/clock';
import { startTestHub, type TestHub } from './test-hub';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export interface BrowserHub {
  hub: TestHub;
  browser: Browser;
}

/** A test hub serving the built clients (built first when dist is missing) and the system Chromium to look at them. */
export async function startBrowserHub(opts: { clock?: Clock; env?: Record<string, string> } = {}): Promise<BrowserHub> {
  if (!existsSync(resolve('dist/clients/web/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
  }
  const hub = await startTestHub({ clock: opts.clock, env: opts.env });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return { hub, browser };
}

/** Closes what startBrowserHub opened; either may be missing when it failed half-way. */
export async function stopBrowserHub({ hub, browser }: Partial<BrowserHub>): Promise<void> {
  await browser?.close();
  await hub?.close();
}

/**
 * A test file's hub and browser: started before its tests, closed after them. The fields are
 * there from the file's beforeAll on, so they are read inside tests and hooks.
 */
export function browserHubForFile(opts: { clock?: Clock; env?: Record<string, string> } = {}): BrowserHub {
  const env = {} as BrowserHub;
  beforeAll(async () => {
    Object.assign(env, await startBrowserHub(opts));
  }, 180_000);
  afterAll(() => stopBrowserHub(env));
  return env;
}

/**
 * A browser with a profile on disk, as a person's is. Playwright's contexts are off the record, and
 * Chromium refuses push subscriptions off the record; `args` add switches (a push service's, say).
 * Closing the context ends that browser and removes the profile.
 */
export async function launchProfileContext(args: string[], options: Parameters<typeof chromium.launchPersistentContext>[1] = {}): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'preau-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { ...options, executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...args] });
  // the browser may still be writing its profile as the context closes
  context.on('close', () => void rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch(() => undefined));
  return context;
}

/**
 * Collects page errors and console errors (a CSP refusal shows up there). The browser also logs
 * every 401 it receives, and the pages expect some: "who am I?" before sign-in, a wrong password.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 401/.test(msg.text())) errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

/** Puts an API session's cookies into a browser context, as if the person had signed in there. */
export async function useSession(context: BrowserContext, cookie: string, url: string): Promise<void> {
  await context.addCookies(
    cookie.split('; ').map((pair) => {
      const i = pair.indexOf('=');
      return { name: pair.slice(0, i), value: pair.slice(i + 1), url };
    }),
  );
}

/** A French browser context in the school's time zone, signed in with an API session, on a page of the web client. */
export async function openAs({ hub, browser }: BrowserHub, cookie: string, hash: string, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  await useSession(context, cookie, hub.url);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${hub.url}/${hash}`);
  return { context, page, errors };
}
