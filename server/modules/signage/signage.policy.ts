import { definePolicy, sameSchool } from '../../authz/registry';

const is = (...profiles: string[]) => (a: { profile: string }) => profiles.includes(a.profile);

// The screens list and their states: admins, who manage them, and direction, who answers for them.
definePolicy<{ schoolId: string }>('signage.screens.read', (a, s) => sameSchool(a, s) && is('admin', 'direction')(a));
// Pairing, settings, commands, revocation: admins only.
definePolicy<{ schoolId: string }>('signage.screens.manage', (a, s) => sameSchool(a, s) && is('admin')(a));
// The ticker's short messages: the school's staff (vie scolaire, accueil…), direction and admins.
definePolicy<{ schoolId: string }>('signage.flashes.manage', (a, s) => sameSchool(a, s) && is('staff', 'direction', 'admin')(a));
// The alert in course and the templates: every adult of the school (they act on it).
definePolicy<{ schoolId: string }>('signage.alerts.read', (a, s) => sameSchool(a, s) && is('teacher', 'staff', 'direction', 'admin')(a));
// Which screens confirmed an alert: those who trigger it and those who keep the screens.
definePolicy<{ schoolId: string }>('signage.alerts.screens', (a, s) => sameSchool(a, s) && is('direction', 'admin')(a));
// Triggering, updating, ending a PPMS alert: direction only.
definePolicy<{ schoolId: string }>('signage.alerts.trigger', (a, s) => sameSchool(a, s) && is('direction')(a));
// The school's alert templates: direction and admins.
definePolicy<{ schoolId: string }>('signage.alerts.templates', (a, s) => sameSchool(a, s) && is('direction', 'admin')(a));
