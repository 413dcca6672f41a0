import { z } from 'zod';
import { profileSchema, type MembershipDto, type Profile, type SchoolDto, type StaffFunction } from './directory';

export const loginSchema = z
  .object({
    login: z.string().trim().min(1, 'identifiant requis').max(120),
    password: z.string().min(1, 'mot de passe requis').max(256),
  })
  .strict();

export const switchSchoolSchema = z
  .object({ uai: z.string().trim().toUpperCase(), profile: profileSchema.optional() })
  .strict();

export interface MeDto {
  id: string;
  login: string;
  firstName: string;
  lastName: string;
  current: { school: SchoolDto; profile: Profile; staffFunction: StaffFunction | null };
  memberships: MembershipDto[];
  /** Channels the live connection will be put in. */
  channels: string[];
}
