import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { schools } from '../../db/schema';
import '../../server/authz/policies';
import { demoActor } from '../../server/modules/directory/demo/demo-actor';
import { DEMO_UAI, ensureDemoSchool } from '../../server/modules/directory/demo/demo-school';
import { seedDemoMessaging } from '../../server/modules/messaging/demo-messaging';
import { folderPage } from '../../server/modules/messaging/mailbox.queries';
import { systemClock } from '../../server/platform/clock';
import { openEmptyDatabase } from '../helpers/db';

let database: Database;
let drop = async () => {};
beforeAll(async () => {
  ({ database, drop } = await openEmptyDatabase('preau_demo_msg'));
});
afterAll(() => drop());

describe('demo messagerie', () => {
  it('fills the documented accounts’ inboxes through the same rules as everyone', async () => {
    await ensureDemoSchool({ db: database.db });
    await seedDemoMessaging({ db: database.db, clock: systemClock }, DEMO_UAI);
    const [school] = await database.db.select().from(schools).where(eq(schools.uai, DEMO_UAI));
    const inbox = async (login: string) => {
      const actor = await demoActor(database.db, school, login);
      return (await folderPage(database.db, actor, school, 'inbox', null, 30)).items.map((i) => [i.subject, i.from.name, i.unread]);
    };
    expect(await inbox('prof.demo')).toEqual([
      ['Devoirs de Léa', expect.any(String), true],
      ['Re : Sortie au théâtre : autorisations', expect.any(String), true],
    ]);
    expect((await inbox('parent.demo')).map(([subject]) => subject)).toEqual(['Rencontres parents-professeurs des 4e', 'Sortie au théâtre : autorisations']);
    const sent = (await folderPage(database.db, await demoActor(database.db, school, 'prof.demo'), school, 'sent', null, 30)).items;
    expect(sent[0]).toMatchObject({ to: 'Responsables de 4B', viaList: true });
    expect(sent[0].recipients).toBeGreaterThan(30);
  });
});
