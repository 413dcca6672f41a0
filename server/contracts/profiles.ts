// Plain lists, no zod: clients import these at run time and should not bundle a validator.

export const profiles = ['student', 'guardian', 'teacher', 'staff', 'direction', 'admin'] as const;
export type Profile = (typeof profiles)[number];

export const staffFunctions = ['vie_scolaire', 'secretariat', 'accueil', 'documentaliste', 'agent'] as const;
export type StaffFunction = (typeof staffFunctions)[number];

export const groupKinds = ['class', 'teaching_group', 'custom'] as const;
export type GroupKind = (typeof groupKinds)[number];
