import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key shared by every entity table: random UUIDs, so ids leak no counts. */
export const id = () => uuid().primaryKey().defaultRandom();

/** Every timestamp is timestamptz, handed to the app as a Date. */
export const tstz = () => timestamp({ withTimezone: true, mode: 'date' });

export const timestamps = {
  createdAt: tstz().notNull().defaultNow(),
  updatedAt: tstz().notNull().defaultNow(),
};

/** File contents kept in the database, so every node serves them; handed to the app as a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
