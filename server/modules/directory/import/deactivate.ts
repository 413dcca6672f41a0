import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../../../db/client';
import { memberships, people, sessions } from '../../../../db/schema';
import type { KnownMember } from './snapshot';

/** Memberships absent from the file end, never get deleted; a person with no active membership left is inactive. */
export async function deactivate(tx: Tx, schoolId: string, gone: KnownMember[], now: Date): Promise<void> {
  for (let i = 0; i < gone.length; i += 1000) {
    const chunk = gone.slice(i, i + 1000);
    await tx
      .update(memberships)
      .set({ active: false, deactivatedAt: now, updatedAt: now })
      .where(inArray(memberships.id, chunk.map((m) => m.membershipId)));
    // an open session would otherwise keep reading this school's data until it expires
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(
        and(
          eq(sessions.schoolId, schoolId),
          isNull(sessions.revokedAt),
          sql`(${sessions.personId}, ${sessions.profile}) in (${sql.join(
            chunk.map((m) => sql`(${m.personId}::uuid, ${m.profile}::profile)`),
            sql`, `,
          )})`,
        ),
      );
    await tx
      .update(people)
      .set({ active: false, updatedAt: now })
      .where(
        and(
          inArray(people.id, chunk.map((m) => m.personId)),
          sql`not exists (select 1 from ${memberships} where ${memberships.personId} = ${people.id} and ${memberships.active})`,
        ),
      );
  }
}
