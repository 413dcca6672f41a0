import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPerson, createSchool } from '../helpers/factories';
import { signIn } from '../helpers/http-client';
import { connectLive } from '../helpers/socket-client';
import { startTestHub } from '../helpers/test-hub';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('graceful shutdown', () => {
  it('closes sockets, lets a running job finish, then stops accepting', async () => {
    const hub = await startTestHub();
    const school = await createSchool(hub.database.db);
    const person = await createPerson(hub.database.db, school.id, 'staff');
    const live = connectLive(hub.url, (await signIn(hub.url, person.login)).cookie);
    await live.channels;
    const disconnected = new Promise<string>((resolve) => live.socket.on('disconnect', resolve));

    const jobs = hub.jobs!;
    const queue = `test.slow.${school.uai}`;
    await jobs.createQueue(queue);
    let started!: () => void;
    const jobStarted = new Promise<void>((r) => (started = r));
    let finished = false;
    await jobs.work(queue, { pollingIntervalSeconds: 0.5 }, async () => {
      started();
      await new Promise((r) => setTimeout(r, 1500));
      finished = true;
    });
    await jobs.send(queue, {});
    await jobStarted;

    await hub.close();
    expect(finished).toBe(true);
    expect(await disconnected).toBe('io server disconnect');
    await expect(fetch(`${hub.url}/healthz`)).rejects.toThrow();
  });

  it('the hub process exits cleanly on SIGTERM and starts again on the same embedded data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'preau-shutdown-'));
    dirs.push(dataDir);
    const run = async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { ...process.env, PORT: '0', DATA_DIR: dataDir, PREAU_DEMO: '0', LOG_LEVEL: 'warn', DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const m = out.match(/Préau est prêt : (http:\/\/\S+)/);
          if (m) {
            clearInterval(timer);
            resolve(m[1]);
          }
        }, 50);
        child.once('exit', (code) => reject(new Error(`exited early (${code}): ${out}`)));
      });
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    };
    await run();
    await run();
  }, 90_000);
});
