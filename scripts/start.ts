// npm start: builds the clients when their build is missing or older than their sources, then runs the hub.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const built = join(root, 'dist', 'clients', 'web', 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestSource(join(root, 'clients')), newestSource(join(root, 'server', 'contracts')));
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log('Construction des clients (Vite)…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn' });
}

await import('../server/main');
