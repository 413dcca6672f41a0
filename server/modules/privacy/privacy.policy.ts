import { definePolicy, sameSchool } from '../../authz/registry';

// One's own personal data (RGPD access and portability): the person, whatever their profile.
definePolicy<{ personId: string }>('privacy.export', (a, s) => typeof s?.personId === 'string' && s.personId === a.personId);
// How long the school keeps personal data: direction and admins, within the hub's bounds.
definePolicy<{ schoolId: string }>('privacy.retention', (a, s) => sameSchool(a, s) && ['direction', 'admin'].includes(a.profile));
