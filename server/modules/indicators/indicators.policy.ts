import { definePolicy, sameSchool } from '../../authz/registry';

// A school's usage and reach figures, aggregated: direction and admins only.
definePolicy<{ schoolId: string }>('indicators.read', (a, s) => sameSchool(a, s) && ['direction', 'admin'].includes(a.profile));
