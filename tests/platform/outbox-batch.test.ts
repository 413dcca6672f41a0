import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { inTransaction } from '../../server/platform/outbox';
import { openTestDatabase } from '../helpers/db';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('batched events', () => {
  it('gives each channel consecutive seqs in the items’ order, continuing single emits, and publishes after commit', async () => {
    const a = `user:${randomUUID()}`;
    const b = `user:${randomUUID()}`;
    const published: number[][] = [];
    const publisher = { publish: (rows: Array<{ seq: number }>) => published.push(rows.map((r) => r.seq)) };
    const data = (n: number) => ({ absenceId: String(n), studentId: 's', studentName: 'x' });
    await inTransaction({ db: database.db, publisher }, async (uow) => {
      await uow.emit(a, 'absence.removed', data(0));
      const rows = await uow.emitMany([
        { channel: b, type: 'absence.removed', data: data(1) },
        { channel: a, type: 'absence.removed', data: data(2) },
        { channel: a, type: 'absence.removed', data: data(3) },
      ]);
      expect(rows.map((r) => [r.channel, r.seq, (r.data as any).absenceId])).toEqual([
        [b, 1, '1'],
        [a, 2, '2'],
        [a, 3, '3'],
      ]);
      expect(published).toEqual([]);
    });
    expect(published).toEqual([[1, 1, 2, 3]]);
    const { rows } = await database.executeSql('select channel, last_seq from channel_seqs where channel in ($1, $2) order by channel', [a, b].sort());
    expect(rows.map((r: any) => Number(r.last_seq))).toEqual([a, b].sort().map((c) => (c === a ? 3 : 1)));
  });

  it('writes nothing when the transaction fails', async () => {
    const c = `user:${randomUUID()}`;
    await expect(
      inTransaction({ db: database.db }, async (uow) => {
        await uow.emitMany([{ channel: c, type: 'absence.removed', data: { absenceId: '1', studentId: 's', studentName: 'x' } }]);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const { rows } = await database.executeSql('select count(*)::int as n from events where channel = $1', [c]);
    expect(rows[0].n).toBe(0);
  });
});
