import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL server of a test's own (initdb in a fresh folder, its own port), that the test
 * may stop and start again: a real restart, without disturbing the shared server other tests
 * use. Needs the server binaries of the machine's PostgreSQL (Debian: /usr/lib/postgresql/N/bin).
 */
export interface PrivatePostgres {
  /** postgres:// URL of its `preau` database. */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(`${root}/${v}/bin/initdb`)) : [];
  if (versions.length === 0) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (Debian package postgresql)');
  return `${root}/${versions.sort((a, b) => Number(b) - Number(a))[0]}/bin`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  // PostgreSQL refuses to run as root: as root, its commands run as the postgres user
  const asServer = process.getuid?.() === 0 ? (cmd: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : (cmd: string, args: string[]) => run(cmd, args);
  const dir = (await asServer('mktemp', ['-d', '/tmp/preau-pg-XXXXXX'])).stdout.trim();
  const port = await freePort();
  await asServer(`${bin}/initdb`, ['-D', dir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => void (await asServer(`${bin}/pg_ctl`, ['-D', dir, '-l', `${dir}/server.log`, '-o', options, '-w', 'start']));
  // fast: the server ends every session at once, as a restart does
  const stop = async () => void (await asServer(`${bin}/pg_ctl`, ['-D', dir, '-m', 'fast', '-w', 'stop']));
  await start();
  await asServer(`${bin}/createdb`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'preau']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/preau`,
    start,
    stop,
    destroy: async () => {
      await stop().catch(() => undefined);
      await run('rm', ['-rf', dir]);
    },
  };
}
