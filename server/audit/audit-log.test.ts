import { afterEach, describe, expect, it } from 'vitest';
import type { Sql } from '../store/sql';
import { testBackends } from '../store/test-stores';
import { appendAudit, listAudit, migrateAudit } from './audit-log';

const backends = await testBackends('audit log tests');

describe.each(backends)('the audit log on %s', (_name, open, skip) => {
  let sql: Sql | undefined;
  afterEach(async () => {
    await sql?.close();
    sql = undefined;
  });
  const fresh = async () => {
    sql = await open();
    return sql;
  };

  it.skipIf(skip)('returns appended entries newest first with increasing sequence numbers', async () => {
    const db = await fresh();
    await appendAudit(db, { actor: 'ops@polis.test', event: 'auth.sign-in', subject: 'ops@polis.test', detail: { ip: '127.0.0.1' } });
    await appendAudit(db, { actor: 'system', event: 'action.proposed', subject: 'a1', detail: {}, at: '2026-11-24T08:00:00.000Z' });
    const list = await listAudit(db);
    expect(list.map((e) => [e.event, e.subject])).toEqual([
      ['action.proposed', 'a1'],
      ['auth.sign-in', 'ops@polis.test'],
    ]);
    expect(list[0].seq).toBeGreaterThan(list[1].seq);
    expect(list[0].at).toBe('2026-11-24T08:00:00.000Z');
    expect(list[1].detail).toEqual({ ip: '127.0.0.1' });
  });

  it.skipIf(skip)('pages backwards from a sequence number and filters by subject', async () => {
    const db = await fresh();
    for (let i = 0; i < 5; i++) await appendAudit(db, { actor: 'a', event: 'e', subject: i % 2 ? 'odd' : 'even' });
    const all = await listAudit(db);
    expect((await listAudit(db, { before: all[1].seq, limit: 2 })).map((e) => e.seq)).toEqual([all[2].seq, all[3].seq]);
    expect((await listAudit(db, { subject: 'odd' })).map((e) => e.subject)).toEqual(['odd', 'odd']);
  });

  it.skipIf(skip)('refuses to update an entry at the database level', async () => {
    const db = await fresh();
    await appendAudit(db, { actor: 'a', event: 'e' });
    await expect(db.query(`update audit_log set actor = 'someone else'`)).rejects.toThrow(/append-only/);
    expect((await listAudit(db))[0].actor).toBe('a');
  });

  it.skipIf(skip)('refuses to delete or truncate entries at the database level', async () => {
    const db = await fresh();
    await appendAudit(db, { actor: 'a', event: 'e' });
    await expect(db.query('delete from audit_log')).rejects.toThrow(/append-only/);
    await expect(db.query('truncate audit_log')).rejects.toThrow(/append-only/);
    expect(await listAudit(db)).toHaveLength(1);
  });

  it.skipIf(skip)('rolls an entry back with the transaction that wrote it', async () => {
    const db = await fresh();
    await migrateAudit(db);
    await expect(
      db.transaction(async (tx) => {
        await appendAudit(tx, { actor: 'a', event: 'e' });
        throw new Error('the change it records failed');
      }),
    ).rejects.toThrow('failed');
    expect(await listAudit(db)).toHaveLength(0);
  });
});
