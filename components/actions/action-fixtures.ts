import { actionSchema, type Action } from '@/lib/protocol/actions';

/** A small, valid action for tests (checked with the protocol schema); a function, so no test shares state. */
export function action(over: Partial<Action> = {}): Action {
  return actionSchema.parse({
    id: '0b6a3c1e-5a3f-4d7e-9c59-0d2f3a4b5c6d',
    kind: 'signal-retiming',
    title: 'Retime signals on High Street',
    target: { kind: 'corridor', id: 's1', name: 'High Street', location: [10, 50], segments: ['s1', 's2'] },
    plan: {
      kind: 'signal-retiming',
      corridor: ['s1', 's2'],
      intersections: [
        {
          intersectionId: 'j1',
          cycleS: 90,
          offsetS: 0,
          phases: [
            { approaches: ['s1'], greenS: 50 },
            { approaches: ['s9'], greenS: 30 },
          ],
        },
      ],
      durationMin: 60,
    },
    impact: {
      metric: 'Mean delay on the corridor',
      unit: 's/veh',
      lowerIsBetter: true,
      headline: { label: 'Delay saved', value: 12.5, unit: 's/veh' },
      baseline: 40,
      withPlan: 27.5,
      series: [
        { minute: 0, baseline: 40, withPlan: 40 },
        { minute: 10, baseline: 42, withPlan: 30 },
        { minute: 20, baseline: 41, withPlan: 25 },
        { minute: 30, baseline: 39, withPlan: 24 },
      ],
      horizonMin: 30,
      assumptions: ['Demand follows the weekday profile'],
      from: '2026-11-22T08:00:00Z',
    },
    method: 'Webster cycle and splits',
    modelVersion: 'signals-1',
    impactLevel: 'low',
    status: 'proposed',
    alertId: null,
    proposedBy: 'op@polis.local',
    proposedAt: '2026-11-22T08:00:00Z',
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
    updatedAt: '2026-11-22T08:00:00Z',
    ...over,
  });
}
