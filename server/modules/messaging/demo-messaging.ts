import { and, eq } from 'drizzle-orm';
import { groups, people, schools } from '../../../db/schema';
import { demoActor } from '../directory/demo/demo-actor';
import { reply } from './reply.service';
import { sendMessage, type MessagingDeps } from './send.service';

const DEMO_ORIGIN = { ip: null, sessionId: 'demo-seed' };
const base = { attachmentIds: [], sendAt: null, confirm: true, draftId: null };

/**
 * A few conversations for the demo collège, so inboxes are not empty at first start: prof.demo
 * writes to the 4B guardians' list, parent.demo answers privately and writes about Léa; the
 * CPE reminds the 4e families of the parents' meeting.
 */
export async function seedDemoMessaging(deps: MessagingDeps, uai: string): Promise<void> {
  const [school] = await deps.db.select().from(schools).where(eq(schools.uai, uai));
  const [c4B] = await deps.db.select().from(groups).where(and(eq(groups.schoolId, school.id), eq(groups.name, '4B')));
  const [teacherRow] = await deps.db.select({ id: people.id }).from(people).where(eq(people.login, 'prof.demo'));
  const teacher = await demoActor(deps.db, school, 'prof.demo');
  const parent = await demoActor(deps.db, school, 'parent.demo');
  const cpe = await demoActor(deps.db, school, 'cpe.demo');

  const trip = await sendMessage(
    deps,
    teacher,
    school,
    {
      ...base,
      to: { people: [], lists: [`group:${c4B.id}:guardian`] },
      subject: 'Sortie au théâtre : autorisations',
      bodyHtml: '<p>Bonjour,</p><p>Merci de rapporter l’autorisation de sortie signée <strong>avant vendredi</strong>. Le départ aura lieu à 13 h 30.</p><p>Claire Moreau</p>',
    },
    DEMO_ORIGIN,
  );
  await reply(deps, parent, school, trip.conversationId!, { bodyHtml: '<p>Bonjour Madame, Léa vous la remettra jeudi. Bonne journée.</p>', attachmentIds: [], confirm: false }, DEMO_ORIGIN);
  await sendMessage(
    deps,
    parent,
    school,
    {
      ...base,
      to: { people: [teacherRow.id], lists: [] },
      subject: 'Devoirs de Léa',
      bodyHtml: '<p>Bonjour, Léa a été malade hier : pourriez-vous me dire quels exercices rattraper ? Merci.</p>',
    },
    DEMO_ORIGIN,
  );
  await sendMessage(
    deps,
    cpe,
    school,
    {
      ...base,
      to: { people: [], lists: ['level:4:guardian'] },
      subject: 'Rencontres parents-professeurs des 4e',
      bodyHtml: '<p>Les rencontres parents-professeurs des classes de 4e auront lieu <strong>jeudi 4 décembre de 17 h à 20 h</strong>. Prenez rendez-vous auprès de la vie scolaire.</p>',
    },
    DEMO_ORIGIN,
  );
}
