import { followsAbsences, type Actor } from '../../authz/actor';
import { definePolicy, sameSchool } from '../../authz/registry';
import { RECALL_PROFILES, type ParsedListKey } from '../../contracts/messaging-rules';

type SchoolSubject = { schoolId: string };
const isVieScolaire = (a: Actor) => followsAbsences(a);
const runsSchool = (a: Actor) => a.profile === 'direction' || a.profile === 'admin';

// One's own mailbox, address book, drafts and sends: any member of the school. Who may be
// written to is data (the contact rules), checked by the service on every send.
definePolicy<SchoolSubject>('messaging.use', (a, s) => sameSchool(a, s));

// Lists: direction and vie scolaire send to any; teachers to their own groups' lists and the
// static lists they own; guardians and students to none.
definePolicy<SchoolSubject & { list: ParsedListKey; teachesGroup: boolean; ownsList: boolean }>('messaging.list.send', (a, s) => {
  if (!sameSchool(a, s)) return false;
  if (isVieScolaire(a)) return true;
  if (a.profile !== 'teacher') return false;
  if (s.list.kind === 'group') return s.teachesGroup && s.list.profile !== 'staff';
  if (s.list.kind === 'static') return s.ownsList;
  return false;
});

// Static lists are built by those who send to lists.
definePolicy<SchoolSubject>('messaging.lists.manage', (a, s) => sameSchool(a, s) && (isVieScolaire(a) || a.profile === 'teacher'));
definePolicy<SchoolSubject & { ownerId: string }>(
  'messaging.lists.edit',
  (a, s) => sameSchool(a, s) && (a.personId === s.ownerId || isVieScolaire(a)),
);

// Recall: staff and teachers, their own messages (the 60-minute window is checked by the service).
definePolicy<SchoolSubject & { authorId: string }>(
  'messaging.recall',
  (a, s) => sameSchool(a, s) && a.personId === s.authorId && RECALL_PROFILES.includes(a.profile),
);

// Hours closed to families (droit à la déconnexion): teachers, for themselves.
definePolicy<SchoolSubject>('messaging.availability', (a, s) => sameSchool(a, s) && a.profile === 'teacher');

// The contact table: admins edit it, direction reads it.
definePolicy<SchoolSubject>('messaging.rules.read', (a, s) => sameSchool(a, s) && runsSchool(a));
definePolicy<SchoolSubject>('messaging.rules.edit', (a, s) => sameSchool(a, s) && a.profile === 'admin');

// Safety: the audit log, the freeze switch, suspending an account: direction and admins.
definePolicy<SchoolSubject>('messaging.safety', (a, s) => sameSchool(a, s) && runsSchool(a));
definePolicy<SchoolSubject & { personId: string }>(
  'messaging.suspend',
  (a, s) => sameSchool(a, s) && runsSchool(a) && s.personId !== a.personId,
);

// While the school's sending is frozen, only direction sends.
definePolicy<SchoolSubject>('messaging.send_while_frozen', (a, s) => sameSchool(a, s) && a.profile === 'direction');
