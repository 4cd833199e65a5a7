import { describe, expect, it } from 'vitest';
import type { Action } from '@/lib/protocol/actions';
import { acknowledged, approve, execute, impactLevelOf, observed, reject, rolledBack, type Actor } from './workflow';

const at = '2026-11-24T08:00:00.000Z';
const operator: Actor = { email: 'op@polis.test', role: 'operator' };
const manager: Actor = { email: 'boss@polis.test', role: 'manager' };
const admin: Actor = { email: 'admin@polis.test', role: 'admin' };

const action = (patch: Partial<Action> = {}): Action => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'demand-response',
  title: 'Shed load on Feeder 1',
  titleText: null,
  target: { kind: 'feeder', id: 'f1', name: 'Feeder 1', location: [8.8, 51.1], segments: [] },
  plan: { kind: 'demand-response', feederId: 'f1', start: at, steps: [{ shedKw: 100, shiftEvKw: 0, batteryKw: 0 }], durationMin: 60 },
  impact: { metric: 'Peak load', unit: 'kW', lowerIsBetter: true, headline: { label: 'Peak reduced', value: 100, unit: 'kW' }, baseline: 1000, withPlan: 900, series: [], horizonMin: 60, assumptions: [], from: at },
  method: 'test',
  methodText: null,
  modelVersion: 'test',
  impactLevel: 'high',
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
  ...patch,
});
const key = '00000000-0000-4000-8000-0000000000aa';

describe('the action workflow', () => {
  it('takes high impact from the configured kinds', () => {
    expect(impactLevelOf('demand-response', ['demand-response'])).toBe('high');
    expect(impactLevelOf('signal-retiming', ['demand-response'])).toBe('low');
  });

  it('lets a manager approve a proposal, recording who and when', () => {
    const r = approve(action(), manager, at);
    expect(r).toMatchObject({ ok: true, changed: true, action: { status: 'approved', decidedBy: manager.email, decidedAt: at } });
  });

  it('refuses approval to an operator and to an admin', () => {
    expect(approve(action(), operator, at)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(reject(action(), admin, at, null)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses an operator executing a high-impact proposal before approval', () => {
    expect(execute(action(), null, operator, key, at)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('lets an operator execute a low-impact proposal directly', () => {
    expect(execute(action({ impactLevel: 'low' }), null, operator, key, at)).toMatchObject({ ok: true, action: { status: 'executing', executedBy: operator.email, decidedBy: null } });
  });

  it('records a manager triggering a high-impact proposal at once as its approver', () => {
    expect(execute(action(), null, manager, key, at)).toMatchObject({ ok: true, action: { status: 'executing', decidedBy: manager.email, executedBy: manager.email } });
  });

  it('answers the same execute key with the action as it is, changing nothing', () => {
    const active = action({ status: 'active' });
    expect(execute(active, key, operator, key, at)).toEqual({ ok: true, action: active, changed: false });
  });

  it('refuses a second execution under another key', () => {
    expect(execute(action({ status: 'active' }), key, manager, '00000000-0000-4000-8000-0000000000bb', at)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('becomes active with the field’s times when the actuation is acknowledged', () => {
    const r = acknowledged(action({ status: 'executing' }), { actionId: action().id, state: 'active', appliedAt: at, endsAt: '2026-11-24T09:00:00.000Z', duplicate: false }, at);
    expect(r).toMatchObject({ ok: true, action: { status: 'active', activeFrom: at, activeUntil: '2026-11-24T09:00:00.000Z' } });
  });

  it('refuses to reject an action already executing', () => {
    expect(reject(action({ status: 'executing' }), manager, at, 'too late')).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('rolls back an active action, recording who and why', () => {
    expect(rolledBack(action({ status: 'active' }), operator, 'not working', at)).toMatchObject({ ok: true, action: { status: 'rolled-back', endedBy: operator.email, reason: 'not working' } });
  });

  it('keeps one observed point per minute, in order', () => {
    const a = action({ status: 'active', observed: [{ minute: 2, observed: 5, at }] });
    expect(observed(a, { minute: 2, observed: 6, at }, at)).toMatchObject({ changed: false });
    expect(observed(a, { minute: 3, observed: 6, at }, at)).toMatchObject({ changed: true, action: { observed: [{ minute: 2 }, { minute: 3 }] } });
  });
});
