import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDto, ContactRuleDto } from '../../server/contracts/messaging';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { message, messagingSchool, type MessagingSchool } from './messaging-setup';

type Who = keyof MessagingSchool['people'];

/**
 * The default rule matrix, written out from the rules of the field (not computed from the
 * code's defaults): for each sender, who they may write to. Each profile is met with and
 * without a relation (own child / other child, teacher of the child / other teacher…).
 */
const MAY_WRITE: Record<Who, Who[]> = {
  // students ↔ their teachers, vie scolaire; staff ↔ everyone; own guardians; never other students' guardians
  lea: ['teacher4B', 'marc', 'cpe', 'secretary', 'direction', 'admin'],
  // guardians ↔ teachers of their children's groups, vie scolaire, direction; their own child; not other guardians
  marc: ['teacher4B', 'lea', 'cpe', 'secretary', 'direction', 'admin'],
  // teachers ↔ their students and those students' guardians; colleagues; staff
  teacher4B: ['lea', 'ines', 'marc', 'karim', 'teacher3A', 'cpe', 'secretary', 'direction', 'admin'],
  cpe: ['teacher4B', 'teacher3A', 'lea', 'ines', 'hugo', 'marc', 'karim', 'sophie', 'secretary', 'direction', 'admin'],
  secretary: ['teacher4B', 'teacher3A', 'lea', 'ines', 'hugo', 'marc', 'karim', 'sophie', 'cpe', 'direction', 'admin'],
  direction: ['teacher4B', 'teacher3A', 'lea', 'ines', 'hugo', 'marc', 'karim', 'sophie', 'cpe', 'secretary', 'admin'],
  admin: ['teacher4B', 'teacher3A', 'lea', 'ines', 'hugo', 'marc', 'karim', 'sophie', 'cpe', 'secretary', 'direction'],
  // (the others mirror these: checked through the pairs above from the other side)
  ines: ['teacher4B', 'karim', 'cpe', 'secretary', 'direction', 'admin'],
  hugo: ['teacher3A', 'sophie', 'cpe', 'secretary', 'direction', 'admin'],
  karim: ['teacher4B', 'ines', 'cpe', 'secretary', 'direction', 'admin'],
  sophie: ['teacher3A', 'hugo', 'cpe', 'secretary', 'direction', 'admin'],
  teacher3A: ['hugo', 'sophie', 'teacher4B', 'cpe', 'secretary', 'direction', 'admin'],
};

describe('contact rules', () => {
  let hub: TestHub;
  let s: MessagingSchool;
  beforeAll(async () => {
    hub = await startTestHub();
    s = await messagingSchool(hub.database.db, hub.url);
  });
  afterAll(async () => hub?.close());

  const everyone = () => Object.keys(s.people) as Who[];
  const idOf = (w: Who) => s.people[w].id;
  const nameOf = (id: string) => everyone().find((w) => idOf(w) === id);

  it('walks the whole default matrix: the address book shows exactly whom one may write to, and sending agrees', async () => {
    for (const from of everyone()) {
      const book = (await (await s.api(from).get('/contacts?limit=100')).json()) as ContactDto[];
      expect(book.map((c) => nameOf(c.id)).sort(), `address book of ${from}`).toEqual([...MAY_WRITE[from]].sort());
      for (const to of everyone()) {
        if (to === from) continue;
        const res = await s.api(from).post('/messages', message({ people: [idOf(to)] }));
        const expected = MAY_WRITE[from].includes(to) ? 201 : 403;
        expect(res.status, `${from} → ${to}`).toBe(expected);
        if (expected === 403) expect((await res.json()).error.code).toBe('recipient_not_allowed');
      }
    }
  });

  it('one refused recipient refuses the whole send, and nothing is stored', async () => {
    const before = (await (await s.api('karim').get('/folders/inbox')).json()).items.length;
    const res = await s.api('lea').post('/messages', message({ people: [idOf('teacher4B'), idOf('karim')] }, { subject: 'Mixte' }));
    expect(res.status).toBe(403);
    expect((await res.json()).error.details.refused).toEqual([idOf('karim')]);
    expect((await (await s.api('lea').get('/folders/sent')).json()).items.some((i: { subject: string }) => i.subject === 'Mixte')).toBe(false);
    expect((await (await s.api('karim').get('/folders/inbox')).json()).items.length).toBe(before);
  });

  it('refuses crafted requests across schools: people, lists and routes of another school', async () => {
    const toOutsider = await s.api('direction').post('/messages', message({ people: [s.outsiders.teacher.id] }));
    expect(toOutsider.status).toBe(403);
    expect((await toOutsider.json()).error.code).toBe('recipient_not_allowed');
    const toOtherList = await s.api('direction').post('/messages', message({ lists: [`group:${s.outsiders.group.id}:guardian`] }));
    expect(toOtherList.status).toBe(400);
    const outsiderBook = (await (await s.api('direction').get('/contacts?q=voisin')).json()) as ContactDto[];
    expect(outsiderBook).toEqual([]);
    const otherSchool = await s.sessions.direction.request(`/api/schools/${s.other.uai}/messaging/contacts`);
    expect(otherSchool.status).toBe(403);
  });

  it('admins edit the table: guardians of a same class may then write to each other, and only them', async () => {
    const rules = (await (await s.api('admin').get('/rules')).json()) as ContactRuleDto[];
    expect(rules).toHaveLength(36);
    expect(rules.find((r) => r.from === 'guardian' && r.to === 'guardian')).toMatchObject({ reach: 'none', relation: 'same_group', isDefault: true });
    expect((await s.api('direction').put('/rules', { rules: [{ from: 'guardian', to: 'guardian', reach: 'related' }] })).status).toBe(403);
    expect((await s.api('teacher4B').get('/rules')).status).toBe(403);
    // "related" means nothing between a guardian and staff
    expect((await s.api('admin').put('/rules', { rules: [{ from: 'guardian', to: 'staff', reach: 'related' }] })).status).toBe(400);

    const saved = await s.api('admin').put('/rules', { rules: [{ from: 'guardian', to: 'guardian', reach: 'related' }] });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as ContactRuleDto[]).find((r) => r.from === 'guardian' && r.to === 'guardian')).toMatchObject({ reach: 'related', isDefault: false });
    const book = (await (await s.api('marc').get('/contacts?profile=guardian')).json()) as ContactDto[];
    expect(book.map((c) => nameOf(c.id))).toEqual(['karim']);
    expect(book[0].detail).toBe('Inès (4B)');
    expect((await s.api('marc').post('/messages', message({ people: [idOf('karim')] }))).status).toBe(201);
    expect((await s.api('marc').post('/messages', message({ people: [idOf('sophie')] }))).status).toBe(403);

    // and closing students → staff: the table is data, the send follows it
    await s.api('admin').put('/rules', { rules: [{ from: 'student', to: 'staff', reach: 'none' }] });
    expect((await s.api('lea').post('/messages', message({ people: [idOf('secretary')] }))).status).toBe(403);
  });

  it('the address book searches names without accents and tells namesakes apart', async () => {
    const found = (await (await s.api('teacher4B').get('/contacts?q=ines')).json()) as ContactDto[];
    expect(found.map((c) => [c.name, c.detail])).toEqual([['Inès Haddad', '4B']]);
  });
});
