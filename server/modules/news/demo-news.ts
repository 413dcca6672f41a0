import { and, eq } from 'drizzle-orm';
import { groups, schools } from '../../../db/schema';
import type { Actor } from '../../authz/actor';
import type { NewsSave } from '../../contracts/news';
import { demoActor } from '../directory/demo/demo-actor';
import { createNews, type NewsDeps } from './news.service';

/** A few actualités for the demo collège, so its feeds and public page are not empty at first start. */
export async function seedDemoNews(deps: NewsDeps, uai: string): Promise<void> {
  const [school] = await deps.db.select().from(schools).where(eq(schools.uai, uai));
  const actorFor = (login: string) => demoActor(deps.db, school, login);
  const [c4B] = await deps.db.select().from(groups).where(and(eq(groups.schoolId, school.id), eq(groups.name, '4B')));
  const direction = await actorFor('direction.demo');
  const teacher = await actorFor('prof.demo');
  const now = deps.clock.now();
  // shown on the hall screens for two months, so a screen paired in the demo has news to show
  const onScreens = { from: now.toISOString(), until: new Date(now.getTime() + 60 * 86_400_000).toISOString() };
  const base: Omit<NewsSave, 'title' | 'bodyHtml' | 'category' | 'audience'> = {
    visibility: 'ent',
    publishAt: null,
    expireAt: null,
    pinnedUntil: null,
    ackMode: 'none',
    onScreens: null,
    imageId: null,
    attachmentIds: [],
    intent: 'publish',
  };
  const items: Array<[Actor, NewsSave]> = [
    [
      direction,
      {
        ...base,
        title: 'Portes ouvertes du collège samedi 14 mars',
        bodyHtml: '<p>Le collège ouvre ses portes aux familles de <strong>9 h à 12 h</strong> : visite des salles, rencontre avec les équipes et présentation des options (latin, allemand, section sportive).</p>',
        category: 'evenement',
        audience: [{ kind: 'school' }],
        visibility: 'public',
        onScreens,
      },
    ],
    [
      direction,
      {
        ...base,
        title: 'Au menu de la cantine cette semaine',
        bodyHtml: '<p>Lundi : hachis parmentier. Mardi : poisson pané et riz. Jeudi : repas de Noël. Vendredi : lasagnes végétariennes.</p>',
        category: 'restauration',
        audience: [{ kind: 'school' }],
        onScreens,
      },
    ],
    [
      direction,
      {
        ...base,
        title: 'Réunion parents-professeurs des 3e',
        bodyHtml: '<p>Les rencontres parents-professeurs des classes de 3e auront lieu <strong>jeudi de 17 h à 20 h</strong>. Merci de confirmer votre venue.</p>',
        category: 'orientation',
        audience: [{ kind: 'school', profiles: ['guardian'] }],
        ackMode: 'per_student',
      },
    ],
    [
      teacher,
      {
        ...base,
        title: 'Sortie théâtre des 4B',
        bodyHtml: '<p>Sortie au théâtre mardi après-midi. Prévoir une autorisation signée et un goûter.</p><ul><li>Départ : 13 h 30</li><li>Retour : 17 h</li></ul>',
        category: 'pedagogie',
        audience: [{ kind: 'group', groupId: c4B.id }],
        ackMode: 'per_guardian',
      },
    ],
  ];
  for (const [actor, input] of items) await createNews(deps, actor, school, input);
}
