import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '@/lib/protocol/actions';
import type { KpiReport } from '@/lib/protocol/kpi';
import type { Sql } from '../../store/sql';
import { testBackends } from '../../store/test-stores';
import { ActionStore } from './action-store';
import { actionsReport } from './kpi';

const T0 = Date.parse('2026-11-24T08:00:00.000Z');
const MIN = 60_000;
const at = (ms: number) => new Date(ms).toISOString();

const proposal = (proposedMs: number, kind: Action['kind'] = 'signal-retiming'): Action => ({
  id: randomUUID(),
  kind,
  title: 'Green wave',
  titleText: null,
  target: { kind: 'corridor', id: 's1', name: 'Mill Street', location: [8.8, 51.1], segments: ['s1'] },
  plan: { kind: 'signal-retiming', corridor: ['s1'], intersections: [{ intersectionId: 'j1', cycleS: 60, offsetS: 0, phases: [{ approaches: ['s1'], greenS: 30 }, { approaches: ['s2'], greenS: 22 }] }], durationMin: 30 },
  impact: { metric: 'Delay', unit: 's', lowerIsBetter: true, headline: { label: 'saved', value: 10, unit: 's' }, baseline: 30, withPlan: 20, series: [], horizonMin: 30, assumptions: [], from: at(proposedMs) },
  method: 'Webster',
  methodText: null,
  modelVersion: 't',
  impactLevel: 'high',
  status: 'proposed',
  alertId: null,
  proposedBy: 'op@polis.test',
  proposedAt: at(proposedMs),
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
  updatedAt: at(proposedMs),
});

const figure = (r: KpiReport, key: string) => r.figures.find((f) => f.key === key)?.value;
const backends = await testBackends('actions KPI tests');

describe.each(backends)('actions KPIs on %s', (_name, open, skip) => {
  let sql: Sql | undefined;
  afterEach(async () => {
    await sql?.close();
    sql = undefined;
  });
  const fresh = async () => {
    sql = await open();
    return { sql, store: await ActionStore.open(sql) };
  };
  /** An action proposed at `proposedMs`, decided `decideMin` later, ending as `status` with observed values. */
  const action = async (store: ActionStore, db: Sql, proposedMs: number, o: { decideMin?: number; status?: Action['status']; observed?: number[]; kind?: Action['kind'] } = {}) => {
    const a = proposal(proposedMs, o.kind);
    await store.propose(a, randomUUID(), { actor: 'op@polis.test', event: 'action.proposed' });
    const decided = o.decideMin === undefined ? null : at(proposedMs + o.decideMin * MIN);
    const ended = o.status && ['completed', 'rolled-back', 'failed'].includes(o.status) ? at(proposedMs + 60 * MIN) : null;
    const observed = (o.observed ?? []).map((v, i) => ({ minute: i, observed: v, at: at(proposedMs + i * MIN) }));
    await db.query('update action set status = $2, decided_at = $3, ended_at = $4, observed = $5::jsonb where id = $1', [a.id, o.status ?? 'proposed', decided, ended, JSON.stringify(observed)]);
    return a;
  };

  it.skipIf(skip)('gives the median and 90th percentile of the time from proposal to decision', async () => {
    const { sql: db, store } = await fresh();
    for (const [i, m] of [1, 2, 3, 4, 10].entries()) await action(store, db, T0 + i * MIN, { decideMin: m, status: 'approved' });
    const r = await actionsReport(db, { range: 'day' }, T0);
    expect(figure(r, 'approval-median')).toBe(3);
    expect(figure(r, 'approval-p90')).toBe(7.6);
  });

  it.skipIf(skip)('counts the share of ended executions that completed', async () => {
    const { sql: db, store } = await fresh();
    await action(store, db, T0, { status: 'completed', observed: [20] });
    await action(store, db, T0, { status: 'completed', observed: [20] });
    await action(store, db, T0, { status: 'rolled-back' });
    await action(store, db, T0, { status: 'failed' });
    const r = await actionsReport(db, { range: 'day' }, T0);
    expect(figure(r, 'success')).toBe(50);
    expect(figure(r, 'proposed')).toBe(4);
  });

  it.skipIf(skip)('compares the observed improvement with the predicted one', async () => {
    const { sql: db, store } = await fresh();
    // Predicted 30 → 20; observed mean 25: half the predicted improvement.
    await action(store, db, T0, { status: 'completed', observed: [24, 26] });
    const r = await actionsReport(db, { range: 'day' }, T0);
    expect(figure(r, 'achieved')).toBe(50);
    expect(r.charts.find((c) => c.id === 'actions-impact')?.rows[0]).toMatchObject({ baseline: 30, predicted: 20, observed: 25 });
  });

  it.skipIf(skip)('names a completed action by its title code too, for the page to write it in any language', async () => {
    const { sql: db, store } = await fresh();
    const titleText = { code: 'action.greenWave' as const, params: { street: 'Mill Street', signals: 2, cycle: 90 } };
    const a = proposal(T0);
    await store.propose({ ...a, titleText }, randomUUID(), { actor: 'op@polis.test', event: 'action.proposed' });
    await db.query(`update action set status = 'completed', ended_at = $2 where id = $1`, [a.id, at(T0 + 60 * MIN)]);
    await action(store, db, T0 + 5 * MIN, { status: 'completed' });
    const chart = (await actionsReport(db, { range: 'day' }, T0)).charts.find((c) => c.id === 'actions-impact');
    expect(chart?.rows.map((r) => r.name)).toEqual(['Green wave · 2026-11-24 09:00', 'Green wave · 2026-11-24 09:05']);
    expect(chart?.nameTexts).toEqual({ 'Green wave · 2026-11-24 09:00': { text: titleText, at: at(T0 + 60 * MIN) } });
  });

  it.skipIf(skip)('breaks the actions down by kind and outcome, filtered to one kind', async () => {
    const { sql: db, store } = await fresh();
    await action(store, db, T0, { status: 'rejected', decideMin: 1 });
    await action(store, db, T0, { status: 'completed', kind: 'demand-response' });
    const r = await actionsReport(db, { range: 'day', filter: 'signal-retiming' }, T0);
    expect(r.charts.find((c) => c.id === 'actions-by-kind')?.rows).toEqual([expect.objectContaining({ name: 'signal-retiming', rejected: 1, completed: 0 })]);
  });
});
