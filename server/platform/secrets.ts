import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appSecrets } from '../../db/schema';

/**
 * Returns the named secret, generating it on first use. Stored in the database so every
 * node of a deployment shares it and it never sits in the repository.
 */
export async function getOrCreateSecret(db: Db, name: string, bytes = 32): Promise<string> {
  await db
    .insert(appSecrets)
    .values({ name, value: randomBytes(bytes).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(appSecrets).where(eq(appSecrets.name, name));
  return row.value;
}
