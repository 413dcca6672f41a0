import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { schools } from '../db/schema';
import { ConfigError, loadConfig } from '../server/config';
import { isValidUai, type ImportReport } from '../server/contracts/directory';
import { importDirectory } from '../server/modules/directory/import/apply';

const USAGE = `Utilisation : npm run import -- --school UAI FICHIER.csv [--dry-run] [--create "Nom de l'établissement"]

  --school UAI     établissement à alimenter (7 chiffres + lettre de contrôle, ex. 0750654D)
  --dry-run        simulation : affiche ce qui changerait, sans rien écrire
  --create NOM     crée l'établissement s'il n'existe pas encore
  -h, --help       cette aide

Format du fichier : docs/csv-import.md. Base de données : DATABASE_URL, sinon DATA_DIR/pglite
(arrêtez le serveur avant d'importer dans une base PGlite : elle n'accepte qu'un processus).`;

class UsageError extends Error {}

/** Command-line import of a school's directory file; exit code 0 on success, 1 on a refused file or failure, 2 on bad usage. */
async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = readArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    return 2;
  }
  let csv: Buffer;
  try {
    csv = await readFile(args.file);
  } catch (err) {
    console.error(`Impossible de lire ${args.file} : ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    return 2;
  }

  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.databaseUrl ? undefined : join(config.dataDir, 'pglite') });
  try {
    await migrateDatabase(database);
    const found = await findSchool(database, args.uai, args.create);
    if (!found) {
      console.error(`Aucun établissement ${args.uai} dans la base. Pour le créer : --create "Nom de l'établissement"`);
      return 1;
    }
    const { school, created } = found;
    console.log(`${args.dryRun ? 'Simulation de l’import' : 'Import'} de ${args.file} dans ${school.name} (${school.uai})`);
    const progress = progressReporter();
    try {
      const report = await importDirectory({ db: database.db }, { schoolId: school.id, csv, dryRun: args.dryRun, actorId: null, onProgress: progress.update });
      progress.stop();
      printReport(report);
      if (created && !report.applied) {
        await database.db.delete(schools).where(eq(schools.id, school.id));
        console.log(`\nL’établissement ${school.uai} n’a pas été créé${args.dryRun ? ' (simulation)' : ''}.`);
      } else if (created) {
        console.log(`\nÉtablissement créé : ${school.name} (${school.uai})`);
      }
      return report.errors.length > 0 ? 1 : 0;
    } catch (err) {
      progress.stop();
      // a half-made school would make the next --create silently reuse it
      if (created) await database.db.delete(schools).where(eq(schools.id, school.id));
      throw err;
    }
  } finally {
    await database.close();
  }
}

function readArgs(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        school: { type: 'string' },
        create: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`Option inconnue : ${option}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`Valeur manquante ou invalide pour l’option ${option}`.trim());
    throw err;
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true as const, uai: '', file: '', dryRun: false, create: undefined };
  if (!values.school) throw new UsageError('Il manque --school UAI.');
  const uai = values.school.trim().toUpperCase();
  if (!isValidUai(uai)) throw new UsageError(`UAI invalide « ${values.school} » : 7 chiffres suivis de la bonne lettre de contrôle.`);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Il manque le fichier CSV.' : 'Un seul fichier CSV à la fois.');
  if (values.create !== undefined && values.create.trim().length < 2) throw new UsageError('--create attend le nom de l’établissement.');
  return { help: false as const, uai, file: positionals[0], dryRun: values['dry-run'], create: values.create?.trim() };
}

// a school made by --create only stays if its directory is really imported
async function findSchool(database: Database, uai: string, createName: string | undefined) {
  const [school] = await database.db.select().from(schools).where(eq(schools.uai, uai));
  if (school) return { school, created: false };
  if (!createName) return null;
  const [created] = await database.db.insert(schools).values({ uai, name: createName }).returning();
  return { school: created, created: true };
}

/** A bar on a terminal; a line every tenth of the file otherwise (logs, CI). */
function progressReporter(): { update: (done: number, total: number) => void; stop: () => void } {
  if (process.stdout.isTTY) {
    const bar = new SingleBar({ format: '  {bar} {percentage} % | {value}/{total} lignes', hideCursor: true, clearOnComplete: true, stream: process.stdout });
    let started = false;
    return {
      update: (done, total) => {
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastTenth = -1;
  return {
    update: (done, total) => {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      console.error(`  … ${done}/${total} lignes`);
    },
    stop: () => {},
  };
}

function printReport(r: ImportReport): void {
  if (r.errors.length > 0) {
    const lines = new Set(r.errors.map((e) => e.line)).size;
    console.log(`\nFichier refusé : ${r.errors.length} erreur${r.errors.length > 1 ? 's' : ''} sur ${lines} ligne${lines > 1 ? 's' : ''}. Rien n'a été importé.\n`);
    for (const e of r.errors) console.log(`  ligne ${e.line} : ${e.reason}`);
    return;
  }
  console.log(`\n${r.dryRun ? 'Simulation (rien n’a été écrit)' : 'Import terminé'} : ${r.rows} lignes`);
  const counts: Array<[string, number]> = [
    ['créés', r.created],
    ['modifiés', r.updated],
    ['inchangés', r.unchanged],
    ['réactivés', r.reactivated],
    ['désactivés', r.deactivated],
    ['groupes créés', r.groupsCreated],
  ];
  for (const [label, n] of counts) console.log(`  ${label.padEnd(14)} ${n}`);
  if (r.changes.length > 0) {
    console.log('\nChangements :');
    for (const c of r.changes) console.log(`  ${c}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`Échec de l'import : ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
