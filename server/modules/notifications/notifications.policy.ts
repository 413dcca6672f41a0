import { definePolicy, sameSchool } from '../../authz/registry';

// One's own notifications and preferences in a school: any member.
definePolicy<{ schoolId: string }>('notifications.use', (a, s) => sameSchool(a, s));
// The school's quiet hours, delays and default preferences: direction and admins.
definePolicy<{ schoolId: string }>('notifications.settings', (a, s) => sameSchool(a, s) && ['direction', 'admin'].includes(a.profile));
