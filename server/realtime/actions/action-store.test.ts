import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '@/lib/protocol/actions';
import { listAudit } from '../../audit/audit-log';
import type { Sql } from '../../store/sql';
import { testBackends } from '../../store/test-stores';
import { ActionStore } from './action-store';
import * as wf from './workflow';

const at = '2026-11-24T08:00:00.000Z';
const operator: wf.Actor = { email: 'op@polis.test', role: 'operator' };

const proposal = (): Action => ({
  id: randomUUID(),
  kind: 'signal-retiming',
  title: 'Green wave',
  titleText: null,
  target: { kind: 'corridor', id: 's1', name: 'Mill Street', location: [8.8, 51.1], segments: ['s1'] },
  plan: { kind: 'signal-retiming', corridor: ['s1'], intersections: [{ intersectionId: 'j1', cycleS: 60, offsetS: 0, phases: [{ approaches: ['s1'], greenS: 30 }, { approaches: ['s2'], greenS: 22 }] }], durationMin: 30 },
  impact: { metric: 'Delay', unit: 's', lowerIsBetter: true, headline: { label: 'saved', value: 5, unit: 's' }, baseline: 30, withPlan: 25, series: [], horizonMin: 30, assumptions: [], from: at },
  method: 'Webster',
  methodText: null,
  modelVersion: 't',
  impactLevel: 'low',
  status: 'proposed',
  alertId: null,
  proposedBy: operator.email,
  proposedAt: at,
  decidedBy: null,
  decidedAt: null,
  reason: null,
  executedBy: null,
  executedAt: null,
  activeFrom: null,
  activeUntil: null,
  endedAt: null,
  endedBy: null,
  observed: [],
  updatedAt: at,
});

const note = (after: Action) => ({ actor: 'op@polis.test', event: `action.${after.status}` });
const backends = await testBackends('action store tests');

describe.each(backends)('the action store on %s', (_name, open, skip) => {
  let sql: Sql | undefined;
  afterEach(async () => {
    await sql?.close();
    sql = undefined;
  });
  const fresh = async () => {
    sql = await open();
    return { sql, store: await ActionStore.open(sql) };
  };

  it.skipIf(skip)('returns a stored proposal as it was written', async () => {
    const { store } = await fresh();
    const a = proposal();
    await store.propose(a, randomUUID(), { actor: operator.email, event: 'action.proposed' });
    expect((await store.get(a.id))?.action).toEqual(a);
  });

  it.skipIf(skip)('keeps the first proposal under a key and audits it once', async () => {
    const { store, sql: db } = await fresh();
    const key = randomUUID();
    const first = await store.propose(proposal(), key, { actor: operator.email, event: 'action.proposed' });
    const second = await store.propose(proposal(), key, { actor: operator.email, event: 'action.proposed' });
    expect(second).toEqual({ action: first.action, created: false });
    expect(await listAudit(db)).toHaveLength(1);
  });

  it.skipIf(skip)('writes a change of state and its audit entry together', async () => {
    const { store, sql: db } = await fresh();
    const a = proposal();
    await store.propose(a, randomUUID(), { actor: operator.email, event: 'action.proposed' });
    const key = randomUUID();
    const r = await store.transition(a.id, (cur) => wf.execute(cur.action, cur.executeKey, operator, key, at), note, key);
    expect(r).toMatchObject({ ok: true, changed: true });
    expect(await store.get(a.id)).toMatchObject({ executeKey: key, action: { status: 'executing' } });
    expect((await listAudit(db, { subject: a.id }))[0]).toMatchObject({ event: 'action.executing', detail: { from: 'proposed', to: 'executing' } });
  });

  it.skipIf(skip)('writes nothing, audit included, when the step refuses', async () => {
    const { store, sql: db } = await fresh();
    const a = proposal();
    await store.propose(a, randomUUID(), { actor: operator.email, event: 'action.proposed' });
    const r = await store.transition(a.id, (cur) => wf.approve(cur.action, operator, at), note);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await store.get(a.id))?.action.status).toBe('proposed');
    expect(await listAudit(db, { subject: a.id })).toHaveLength(1);
  });

  it.skipIf(skip)('lets one of two executions under different keys start, at the same moment', async () => {
    const { store } = await fresh();
    const a = proposal();
    await store.propose(a, randomUUID(), { actor: operator.email, event: 'action.proposed' });
    const run = (key: string) => store.transition(a.id, (cur) => wf.execute(cur.action, cur.executeKey, operator, key, at), note, key);
    const results = await Promise.all([run(randomUUID()), run(randomUUID())]);
    expect(results.map((r) => (r?.ok ? 'started' : r?.error.code)).sort()).toEqual(['conflict', 'started']);
  });
});
