import { z } from 'zod';

import { profiles, staffFunctions, type GroupKind, type Profile, type StaffFunction } from './profiles';

export * from './profiles';
export const profileSchema = z.enum(profiles);
export const staffFunctionSchema = z.enum(staffFunctions);

const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** The check letter of a UAI's 7 digits: "ABCDEFGHJKLMNPRSTUVWXYZ"[n mod 23]. */
export function uaiCheckLetter(digits: string): string {
  return UAI_LETTERS[Number(digits) % 23];
}

/** True for 7 digits followed by their correct check letter (case-insensitive). */
export function isValidUai(uai: string): boolean {
  const m = /^(\d{7})([A-Za-z])$/.exec(uai);
  return !!m && uaiCheckLetter(m[1]) === m[2].toUpperCase();
}

export const uaiSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isValidUai, { message: 'UAI invalide : 7 chiffres suivis de la bonne lettre de contrôle' });

export const brandingSchema = z.object({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'couleur au format #RRGGBB'),
  logoUrl: z.string().url().max(500).nullable(),
});

export const schoolSchema = z.object({
  id: z.string().uuid(),
  uai: z.string(),
  name: z.string(),
  timeZone: z.string(),
  branding: brandingSchema,
});
export type SchoolDto = z.infer<typeof schoolSchema>;

export const schoolUpdateSchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('fr-FR', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'fuseau horaire inconnu'),
    branding: brandingSchema.partial(),
  })
  .partial()
  .strict();
export type SchoolUpdate = z.infer<typeof schoolUpdateSchema>;

export interface MembershipDto {
  schoolId: string;
  uai: string;
  schoolName: string;
  profile: Profile;
  staffFunction: StaffFunction | null;
}

export interface GroupDto {
  id: string;
  kind: GroupKind;
  name: string;
  memberCount: number;
}

export interface PersonDto {
  id: string;
  firstName: string;
  lastName: string;
  profile: Profile;
  staffFunction: StaffFunction | null;
  groups: string[];
}

/** One line's problem in an import report. */
export interface ImportLineError {
  line: number;
  reason: string;
}

export interface ImportReport {
  dryRun: boolean;
  applied: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  reactivated: number;
  groupsCreated: number;
  errors: ImportLineError[];
  /** Human-readable list of what changed (or would change), capped. */
  changes: string[];
}
