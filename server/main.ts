import { ConfigError, loadConfig } from './config';
import { startHub } from './hub';

/** Reads the environment, starts the hub and stops it cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  let hub;
  try {
    hub = await startHub(config);
  } catch (err) {
    // a dependency named in the configuration that cannot be used (Redis down, a DKIM key unreadable)
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const url = config.publicUrl.startsWith('http://localhost') ? hub.url : config.publicUrl;
  const lines = [
    '',
    `  Préau est prêt : ${url}`,
    `    web          ${url}/`,
    `    bornes       ${url}/signage/`,
    `    familles     ${url}/notify/`,
  ];
  if (hub.demo) {
    const { DEMO_LOGINS, DEMO_PASSWORD } = await import('./modules/directory/demo/demo-school');
    lines.push('', `  Établissement de démonstration ${hub.demo.uai} — mot de passe de tous les comptes : ${DEMO_PASSWORD}`);
    for (const d of DEMO_LOGINS) lines.push(`    ${d.login.padEnd(16)} ${d.label}`);
  }
  console.log(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    hub.deps.log.info({ signal }, 'shutdown requested');
    try {
      await hub.close();
      process.exit(0);
    } catch (err) {
      hub.deps.log.error({ err }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
