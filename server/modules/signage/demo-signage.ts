import { eq } from 'drizzle-orm';
import { schools } from '../../../db/schema';
import { demoActor } from '../directory/demo/demo-actor';
import { createFlash } from './flashes.service';
import type { SignageDeps } from './screens.service';

/** A ticker message for the demo collège's screens: a screen paired in the demo shows it at once. */
export async function seedDemoSignage(deps: SignageDeps, uai: string): Promise<void> {
  const [school] = await deps.db.select().from(schools).where(eq(schools.uai, uai));
  const cpe = await demoActor(deps.db, school, 'cpe.demo');
  const until = new Date(deps.clock.now().getTime() + 30 * 86_400_000).toISOString();
  await createFlash(deps, cpe, school, { text: 'Inscriptions à l’association sportive : au bureau de la vie scolaire jusqu’à vendredi', zones: null, until });
}
