/**
 * Soak of the kiosk page (clients/signage) in Chromium: thousands of live updates (ticker
 * flashes added and removed, news for screens published and withdrawn, commands) while the
 * screen's clock and the hub's run accelerated, about a day of screen time in a few minutes.
 * After each block of rounds the page's garbage is collected and its JS heap, DOM nodes and
 * event listeners are read. Baseline: the same page after its warm-up, in the same run; the
 * heap must stay bounded (the last sample within 1.25× of it, no upward trend over the second
 * half). `npm run bench -- signage-soak`; SOAK_ROUNDS (default 240) and SOAK_UPDATES (per
 * round, default 20) scale it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createPerson, createSchool } from '../tests/helpers/factories';
import { signIn } from '../tests/helpers/http-client';
import { startBenchHub } from './lib/bench-hub';
import { benchLog, envInt } from './lib/harness';
import { formatTable, machineInfo, writeResult } from './lib/report';

const NAME = 'signage-soak';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const MINUTES_PER_ROUND = 6;
const ALWAYS_ON = { days: Array.from({ length: 7 }, () => ({ on: '00:00', off: '23:59' })), closed: [] };

/** A clock the benchmark moves forward, as the screen's is. */
class MovableClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

interface Sample {
  round: number;
  updates: number;
  screenHours: number;
  heapMb: number;
  nodes: number;
  listeners: number;
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export async function run(): Promise<void> {
  const log = benchLog(NAME);
  const rounds = envInt('SOAK_ROUNDS', 240);
  const perRound = envInt('SOAK_UPDATES', 20);
  const sampleEvery = Math.max(1, Math.floor(rounds / 24));
  if (!existsSync(resolve('dist/clients/signage/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
  }
  const clock = new MovableClock();
  // Monday 7 December 2026, 08:00 in Paris
  clock.offsetMs = Date.parse('2026-12-07T07:00:00Z') - Date.now();
  const bench = await startBenchHub({ clock });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const db = bench.database.db;
    const school = await createSchool(db, { name: 'Collège Jean Moulin' });
    const adminPerson = await createPerson(db, school.id, 'admin');
    const staffPerson = await createPerson(db, school.id, 'staff', { staffFunction: 'vie_scolaire' });
    const directionPerson = await createPerson(db, school.id, 'direction');
    const admin = await signIn(bench.url, adminPerson.login);
    const staff = await signIn(bench.url, staffPerson.login);
    const direction = await signIn(bench.url, directionPerson.login);
    const base = `/api/schools/${school.uai}`;

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const page = await context.newPage();
    await page.clock.install({ time: clock.now() });
    await page.goto(`${bench.url}/signage/`);
    const code = ((await page.getByTestId('pairing-code').textContent({ timeout: 20_000 })) ?? '').replace(/\s/g, '');
    const paired = await admin.request(`${base}/screens`, { method: 'POST', json: { code, name: 'Hall', zone: 'hall', layout: 'landscape' } });
    if (paired.status !== 201) throw new Error(`pairing failed: ${paired.status}`);
    const { id: screenId } = (await paired.json()) as { id: string };
    await admin.request(`${base}/screens/${screenId}`, { method: 'PATCH', json: { schedule: ALWAYS_ON } });
    await page.getByTestId('board').waitFor({ timeout: 20_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');

    const samples: Sample[] = [];
    let updates = 0;
    const sample = async (round: number) => {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
      const s: Sample = { round, updates, screenHours: (round * MINUTES_PER_ROUND) / 60, heapMb: heap.usedSize / 1e6, nodes: dom.nodes, listeners: dom.jsEventListeners };
      samples.push(s);
      log(`round ${round}: ${updates} updates, heap ${s.heapMb.toFixed(2)} MB, ${s.nodes} nodes, ${s.listeners} listeners`);
    };

    let live: string[] = [];
    const newsIds: string[] = [];
    const started = Date.now();
    for (let round = 0; round <= rounds; round++) {
      if (round % sampleEvery === 0) await sample(round);
      if (round === rounds) break;
      const until = new Date(clock.now().getTime() + 30 * 60_000).toISOString();
      // half the round's updates add flashes, the other half remove the previous round's
      const adds = Math.ceil(perRound / 2);
      const created: string[] = [];
      for (let i = 0; i < adds; i++) {
        const res = await staff.request(`${base}/signage/flashes`, { method: 'POST', json: { text: `Info ${round}.${i} : salle ${100 + i} fermée ce matin`, zones: null, until } });
        created.push(((await res.json()) as { id: string }).id);
        updates++;
      }
      for (const id of live.slice(0, perRound - adds)) {
        await staff.request(`${base}/signage/flashes/${id}`, { method: 'DELETE' });
        updates++;
      }
      live = created;
      if (round % 5 === 0) {
        const res = await direction.request(`${base}/news`, {
          method: 'POST',
          json: {
            title: `Actualité ${round}`,
            bodyHtml: `<p>Texte de l’actualité ${round}, assez long pour être lu depuis le hall.</p>`,
            category: 'evenement',
            audience: [{ kind: 'school', profiles: ['staff'] }],
            onScreens: { from: clock.now().toISOString(), until: new Date(clock.now().getTime() + 60 * 60_000).toISOString() },
            intent: 'publish',
          },
        });
        newsIds.push(((await res.json()) as { id: string }).id);
        updates++;
        if (newsIds.length > 3) {
          await direction.request(`${base}/news/${newsIds.shift()}/withdraw`, { method: 'POST' });
          updates++;
        }
      }
      if (round % 20 === 0) {
        await admin.request(`${base}/screens/${screenId}/commands`, { method: 'POST', json: { command: 'identify' } });
        updates++;
      }
      // screen time moves on: carousels turn, flashes and news expire, heartbeats go out
      clock.offsetMs += MINUTES_PER_ROUND * 60_000;
      await page.clock.fastForward(MINUTES_PER_ROUND * 60_000);
    }
    const wallSeconds = (Date.now() - started) / 1000;

    // the page must still be live: one more flash shows up
    await staff.request(`${base}/signage/flashes`, { method: 'POST', json: { text: 'Fin du test d’endurance', zones: null, until: new Date(clock.now().getTime() + 3600_000).toISOString() } });
    await page.getByTestId('ticker').getByText('Fin du test d’endurance').first().waitFor({ timeout: 15_000 });

    const warm = samples[1] ?? samples[0];
    const end = samples[samples.length - 1];
    const secondHalf = samples.filter((s) => s.round >= rounds / 2);
    const heapSlope = slope(secondHalf.map((s) => [s.updates / 1000, s.heapMb]));
    const ratio = end.heapMb / warm.heapMb;
    const bounded = ratio <= 1.25 && heapSlope * (end.updates / 1000) < 0.25 * warm.heapMb;
    console.log(
      `\n${NAME}: ${updates} live updates over ${((rounds * MINUTES_PER_ROUND) / 60).toFixed(1)} h of screen time, ${wallSeconds.toFixed(0)} s of wall time\n` +
        formatTable(
          ['round', 'screen h', 'updates', 'heap MB', 'DOM nodes', 'listeners'],
          samples.map((s) => [s.round, Number(s.screenHours.toFixed(1)), s.updates, Number(s.heapMb.toFixed(2)), s.nodes, s.listeners]),
        ) +
        `\n\nheap after warm-up ${warm.heapMb.toFixed(2)} MB → end ${end.heapMb.toFixed(2)} MB: ratio ${ratio.toFixed(2)}× (target ≤ 1.25×); ` +
        `second-half trend ${(heapSlope * 1000).toFixed(1)} KB per 1,000 updates; DOM nodes ${warm.nodes} → ${end.nodes}, listeners ${warm.listeners} → ${end.listeners}: ${bounded ? 'bounded' : 'NOT bounded'}\n`,
    );
    const file = writeResult(NAME, {
      name: NAME,
      machine: machineInfo(),
      databaseDriver: bench.database.driver,
      parameters: { rounds, perRound, minutesPerRound: MINUTES_PER_ROUND },
      updates,
      wallSeconds,
      samples,
      baseline: warm,
      ratio,
      secondHalfSlopeMbPer1000Updates: heapSlope,
      bounded,
    });
    log(`results in ${file}`);
    await context.close();
  } finally {
    await browser.close();
    await bench.close();
  }
}
