import type { z } from 'zod';
import type { Impact, IntersectionTiming, optimizeSignalsRequestSchema, Proposal, SignalIntersection } from '@/lib/protocol/actuation';
import type { signalVariantSchema, Text } from '@/lib/protocol/texts';
import { HttpError } from '../http';
import { corridorSignals, extendCorridor, type RoadGraph } from './corridor';
import type { CachedField } from './field';
import { nothingToDo, withAssumptions } from './proposal';
import { clampCycle, corridorTimings, greenWaveOffsets, LOST_TIME_PER_PHASE_S, websterTiming, type CorridorIntersection, type PhaseDemand } from './webster';

export const SIGNALS_MODEL_VERSION = 'signals-webster/2';
const METHOD =
  'Webster cycle (1.5L + 5)/(1 − Y) clamped to 40–150 s and greens by critical flow ratios, one common cycle per corridor, green-wave offsets from free-flow travel times; of the variants tried, the one the twin predicts best';
/** A plan must cut the predicted delay by at least this share to be proposed. */
export const MIN_GAIN = 0.01;

export type OptimizeSignalsRequest = z.output<typeof optimizeSignalsRequestSchema>;

/** How an approach's design flow is found: with the standing queue (default) or the flow alone (classic Webster). */
export type DemandMode = 'with-queues' | 'flows-only';

export interface SignalsDeps {
  graph: () => Promise<RoadGraph>;
  field: CachedField;
  /** The flow (veh/h) a segment's approach is designed for. */
  demand: (segmentId: string, horizonMin: number, mode: DemandMode) => number;
  demandNote: string;
  /** The same note as a message code. */
  demandNoteText: Text;
}

/** Phases of an intersection as it is timed now, with each approach's design flow. */
function phasesOf(i: SignalIntersection, demand: (id: string) => number): PhaseDemand[] {
  const saturation = new Map(i.approaches.map((a) => [a.segmentId, a.saturationVph]));
  return i.timing.phases.map((p) => ({
    approaches: p.approaches.map((id) => ({ id, flowVph: demand(id), saturationVph: saturation.get(id) ?? 1800 })),
  }));
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (impact: Impact) => (impact.baseline > 0 ? ((impact.baseline - impact.withPlan) / impact.baseline) * 100 : 0);

interface Candidate {
  name: string;
  /** The same variant as a message id. */
  variant: z.infer<typeof signalVariantSchema>;
  timings: IntersectionTiming[];
  notes: string[];
  noteTexts: Text[];
}

/** The same phases and green shares as now, on one common cycle, with green-wave offsets: coordination alone. */
function coordinationOnly(stops: ReadonlyArray<{ intersection: SignalIntersection; corridorPhase: number; travelTimeS: number }>): Candidate {
  const cycleS = round1(clampCycle(Math.max(...stops.map((s) => s.intersection.timing.cycleS))));
  const rescaled = stops.map((s) => {
    const t = s.intersection.timing;
    const L = LOST_TIME_PER_PHASE_S * t.phases.length;
    const scale = (cycleS - L) / Math.max(1, t.cycleS - L);
    return { phases: t.phases.map((p) => ({ approaches: p.approaches, y: 0, greenS: round1(Math.max(5, p.greenS * scale)) })), lostTimeS: L };
  });
  const offsets = greenWaveOffsets(
    stops.map((s, k) => ({ timing: { ...rescaled[k], cycleS, optimumS: NaN, Y: 0, oversaturated: false }, corridorPhase: s.corridorPhase, travelTimeS: s.travelTimeS })),
    cycleS,
  );
  return {
    name: 'coordination only',
    variant: 'coordinationOnly',
    timings: stops.map((s, k) => ({ intersectionId: s.intersection.id, cycleS, offsetS: offsets[k], phases: rescaled[k].phases.map(({ approaches, greenS }) => ({ approaches, greenS })) })),
    notes: [`today's green shares on a common ${cycleS} s cycle`],
    noteTexts: [{ code: 'assumption.signals.todaysShares', params: { cycle: cycleS } }],
  };
}

/**
 * Webster's cycle, but the corridor's phase keeps at least today's share of the effective green;
 * the other phases share the rest by their ratios. Offsets are worked out again for the new phase starts.
 */
function corridorPriority(base: Candidate, stops: ReadonlyArray<{ intersection: SignalIntersection; corridorPhase: number; travelTimeS: number }>): Candidate {
  const cycleS = base.timings[0].cycleS;
  const shaped = base.timings.map((t, k) => {
    const now = stops[k].intersection.timing;
    const p = stops[k].corridorPhase;
    const L = LOST_TIME_PER_PHASE_S * t.phases.length;
    const effective = cycleS - L;
    const share = (now.phases[p]?.greenS ?? 0) / Math.max(1, now.cycleS - LOST_TIME_PER_PHASE_S * now.phases.length);
    const want = Math.min(effective - 5 * (t.phases.length - 1), Math.max(t.phases[p].greenS, share * effective));
    const others = t.phases.reduce((sum, ph, j) => (j === p ? sum : sum + ph.greenS), 0);
    const phases = t.phases.map((ph, j) => ({ approaches: ph.approaches, y: 0, greenS: round1(j === p ? want : Math.max(5, (ph.greenS / Math.max(1e-9, others)) * (effective - want))) }));
    return { phases, lostTimeS: L };
  });
  const offsets = greenWaveOffsets(
    stops.map((s, k) => ({ timing: { ...shaped[k], cycleS, optimumS: NaN, Y: 0, oversaturated: false }, corridorPhase: s.corridorPhase, travelTimeS: s.travelTimeS })),
    cycleS,
  );
  return {
    name: 'Webster, corridor green held',
    variant: 'corridorGreenHeld',
    timings: base.timings.map((t, k) => ({ ...t, offsetS: offsets[k], phases: shaped[k].phases.map(({ approaches, greenS }) => ({ approaches, greenS })) })),
    notes: [...base.notes, "the corridor's phase keeps at least today's share of the green"],
    noteTexts: [...base.noteTexts, { code: 'assumption.signals.corridorGreenHeld', params: {} }],
  };
}

/** Run each candidate through the what-if and keep the one with the least predicted delay. */
async function best(field: CachedField, candidates: Candidate[], build: (c: Candidate) => Parameters<CachedField['whatIf']>[0], horizonMin: number) {
  const seen = new Set<string>();
  const tried: Array<{ candidate: Candidate; impact: Impact }> = [];
  for (const c of candidates) {
    const key = JSON.stringify(c.timings);
    if (seen.has(key)) continue;
    seen.add(key);
    tried.push({ candidate: c, impact: await field.whatIf(build(c), horizonMin) });
  }
  tried.sort((a, b) => a.impact.withPlan - b.impact.withPlan);
  return { chosen: tried[0], tried };
}

/** The variants tried, as message codes: a line to introduce them, then one per variant. */
const triedTexts = (tried: Array<{ candidate: Candidate; impact: Impact }>): Text[] => [
  { code: 'assumption.signals.tried', params: { baseline: tried[0].impact.baseline } },
  ...tried.map((t): Text => ({ code: 'assumption.signals.triedVariant', params: { variant: t.candidate.variant, withPlan: t.impact.withPlan, change: -pct(t.impact) / 100 } })),
];

const triedNote = (tried: Array<{ candidate: Candidate; impact: Impact }>, unit: string) =>
  `Variants tried in the twin (${unit} with the plan, against ${tried[0].impact.baseline.toFixed(1)} without): ${tried
    .map((t) => `${t.candidate.name} ${t.impact.withPlan.toFixed(1)} (${pct(t.impact) >= 0 ? '−' : '+'}${Math.abs(pct(t.impact)).toFixed(1)} %)`)
    .join('; ')}.`;

/** POST /v1/optimize/signals: Webster timing for one intersection or a green wave along a corridor. */
export async function proposeSignals(req: OptimizeSignalsRequest, deps: SignalsDeps): Promise<Proposal> {
  const graph = await deps.graph();
  const list = await deps.field.intersections();
  const byApproach = new Map<string, SignalIntersection>();
  for (const i of list) for (const a of i.approaches) byApproach.set(a.segmentId, i);
  const signalAt = (id: string) => byApproach.get(id);
  const demandOf = (mode: DemandMode) => (id: string) => deps.demand(id, req.horizonMin, mode);
  const durationMin = Math.max(60, req.horizonMin);

  if (req.intersectionId) {
    const i = await deps.field.intersection(req.intersectionId);
    if (!i) throw new HttpError(404, 'unknown-intersection', `no signalised intersection "${req.intersectionId}"`, [{ path: 'intersectionId', message: 'unknown intersection' }]);
    const variant = (mode: DemandMode): Candidate & { Y: number; optimumS: number } => {
      const t = websterTiming(phasesOf(i, demandOf(mode)));
      return {
        name: mode === 'with-queues' ? 'Webster with queues' : 'Webster on flows',
        variant: mode === 'with-queues' ? 'withQueues' : 'flowsOnly',
        timings: [{ intersectionId: i.id, cycleS: round1(t.cycleS), offsetS: i.timing.offsetS, phases: t.phases.map((p) => ({ approaches: p.approaches, greenS: round1(p.greenS) })) }],
        notes: [`Y = ${t.Y.toFixed(2)}, C0 = ${Number.isFinite(t.optimumS) ? `${t.optimumS.toFixed(0)} s` : '∞ (over capacity)'}`],
        noteTexts: [
          Number.isFinite(t.optimumS) ? { code: 'assumption.signals.webster', params: { y: t.Y, optimum: t.optimumS } } : { code: 'assumption.signals.websterOverCapacity', params: { y: t.Y } },
          { code: 'assumption.signals.lostTime', params: { lostTime: LOST_TIME_PER_PHASE_S } },
        ],
        Y: t.Y,
        optimumS: t.optimumS,
      };
    };
    const candidates = [variant('with-queues'), variant('flows-only')];
    const [timing] = candidates[0].timings;
    if (Math.abs(timing.cycleS - i.timing.cycleS) < 2 && timing.phases.every((p, k) => Math.abs(p.greenS - (i.timing.phases[k]?.greenS ?? 0)) < 2))
      throw nothingToDo(`${i.name} is already timed within 2 s of Webster's optimum for the design flows`);
    const build = (c: Candidate) => ({ kind: 'signal-retiming' as const, corridor: [], intersections: c.timings, durationMin });
    const { chosen, tried } = await best(deps.field, candidates, build, req.horizonMin);
    if (pct(chosen.impact) < MIN_GAIN * 100)
      throw nothingToDo(`the twin predicts no retiming tried lowers the delay at ${i.name} (${triedNote(tried, chosen.impact.unit)})`);
    const plan = build(chosen.candidate);
    return {
      title: `Retime the signals at ${i.name}: ${plan.intersections[0].cycleS} s cycle`,
      titleText: { code: 'action.retimeIntersection', params: { intersection: i.name, cycle: plan.intersections[0].cycleS } },
      target: { kind: 'intersection', id: i.id, name: i.name, location: i.location, segments: i.approaches.map((a) => a.segmentId) },
      plan,
      impact: withAssumptions(chosen.impact, [
        `Design flows: ${deps.demandNote}.`,
        `${chosen.candidate.name}: ${chosen.candidate.notes.join('; ')}; lost time ${LOST_TIME_PER_PHASE_S} s per phase; cycle clamped to 40–150 s.`,
        triedNote(tried, chosen.impact.unit),
      ], [
        deps.demandNoteText,
        { code: 'assumption.signals.chosen', params: { variant: chosen.candidate.variant } },
        ...chosen.candidate.noteTexts,
        ...triedTexts(tried),
      ]),
      method: METHOD,
      methodText: { code: 'method.signals', params: {} },
      modelVersion: SIGNALS_MODEL_VERSION,
    };
  }

  const given = req.corridor ?? [];
  const unknown = given.findIndex((id) => !graph.byId.has(id));
  if (unknown >= 0) throw new HttpError(404, 'unknown-segment', `no road segment "${given[unknown]}"`, [{ path: `corridor[${unknown}]`, message: 'unknown road segment' }]);
  const first = graph.byId.get(given[0]);
  if (!first) throw new HttpError(404, 'unknown-segment', `no road segment "${given[0]}"`, [{ path: 'corridor[0]', message: 'unknown road segment' }]);
  const corridor = given.length === 1 ? extendCorridor(graph, first, signalAt) : given;
  const signals = corridorSignals(graph, corridor, signalAt);
  if (signals.length === 0) throw nothingToDo(`the corridor passes no signalised intersection: there is nothing to retime`);

  const stopsFor = (mode: DemandMode): CorridorIntersection[] =>
    signals.map((s) => ({
      intersectionId: s.intersection.id,
      phases: phasesOf(s.intersection, demandOf(mode)),
      corridorPhase: Math.max(0, s.intersection.timing.phases.findIndex((p) => p.approaches.includes(s.approachId))),
      travelTimeS: s.travelTimeS,
    }));
  const webster = (mode: DemandMode): Candidate => {
    const r = corridorTimings(stopsFor(mode));
    return {
      name: mode === 'with-queues' ? 'Webster with queues' : 'Webster on flows',
      variant: mode === 'with-queues' ? 'withQueues' : 'flowsOnly',
      timings: r.timings,
      notes: [
        `common cycle ${r.cycleS} s (the largest Webster optimum of the corridor's signals, clamped to 40–150 s)`,
        ...(r.oversaturated.length ? [`over capacity even so at ${r.oversaturated.join(', ')}`] : []),
      ],
      noteTexts: [
        { code: 'assumption.signals.commonCycle', params: { cycle: r.cycleS } },
        ...(r.oversaturated.length ? [{ code: 'assumption.signals.overCapacityAt' as const, params: { intersections: r.oversaturated } }] : []),
      ],
    };
  };
  const stops = signals.map((s, k) => ({ intersection: s.intersection, corridorPhase: stopsFor('flows-only')[k].corridorPhase, travelTimeS: s.travelTimeS }));
  const withQueues = webster('with-queues');
  const candidates = [withQueues, webster('flows-only'), corridorPriority(withQueues, stops)];
  if (signals.length > 1) candidates.push(coordinationOnly(stops));
  const build = (c: Candidate) => ({ kind: 'signal-retiming' as const, corridor: [...corridor], intersections: c.timings, durationMin });
  const { chosen, tried } = await best(deps.field, candidates, build, req.horizonMin);
  if (pct(chosen.impact) < MIN_GAIN * 100) throw nothingToDo(`the twin predicts no retiming tried lowers the delay on ${first.name} (${triedNote(tried, chosen.impact.unit)})`);
  const plan = build(chosen.candidate);
  const cycleS = plan.intersections[0].cycleS;
  const mid = signals[Math.floor((signals.length - 1) / 2)].intersection;
  return {
    title: `Green wave on ${first.name}: ${signals.length} signal${signals.length === 1 ? '' : 's'} on a ${cycleS} s cycle`,
    titleText: { code: 'action.greenWave', params: { street: first.name, signals: signals.length, cycle: cycleS } },
    target: {
      kind: 'corridor',
      id: corridor[0],
      name: `${first.name} (${signals.map((s) => s.intersection.name.split(' × ')[1] ?? s.intersection.name).join(', ')})`.slice(0, 200),
      location: mid.location,
      segments: [...corridor],
    },
    plan,
    impact: withAssumptions(chosen.impact, [
      `Design flows: ${deps.demandNote}.`,
      `${chosen.candidate.name}: ${chosen.candidate.notes.join('; ')}.`,
      `Offsets: free-flow travel times between stop lines (${
        signals
          .slice(1)
          .map((s) => `${s.travelTimeS.toFixed(0)} s`)
          .join(', ') || 'one signal'
      }), modulo the cycle; the corridor's own phase keeps its place in each cycle.`,
      triedNote(tried, chosen.impact.unit),
      ...(given.length === 1 ? [`The corridor was extended from ${given[0]} along ${first.name} in its driving direction (up to 8 signals).`] : []),
    ], [
      deps.demandNoteText,
      { code: 'assumption.signals.chosen', params: { variant: chosen.candidate.variant } },
      ...chosen.candidate.noteTexts,
      signals.length > 1
        ? { code: 'assumption.signals.offsets', params: { times: signals.slice(1).map((s) => Math.round(s.travelTimeS)) } }
        : { code: 'assumption.signals.offsetsOneSignal', params: {} },
      ...triedTexts(tried),
      ...(given.length === 1 ? [{ code: 'assumption.signals.extended' as const, params: { segment: given[0], street: first.name } }] : []),
    ]),
    method: METHOD,
    methodText: { code: 'method.signals', params: {} },
    modelVersion: SIGNALS_MODEL_VERSION,
  };
}
