import {
  SIGNAL_LOST_TIME_PER_PHASE_S,
  type ActionPlan,
  type ActuationStatus,
  type IntersectionTiming,
  type SignalIntersection,
} from '@/lib/protocol/actuation';
import type { FieldIssue } from '@/lib/validation';
import type { AirTwin } from '../air/air-twin';
import type { City } from '../city';
import type { GridDomain } from '../grid/domain';
import type { FeederResponse } from '../grid/sim';
import { approachControl, phaseOf, signalisedIntersections, type Intersection, type Upstream } from '../signals';
import { GREEN_SHARE, SIGNAL_SPEED_FACTOR, type TrafficSim } from '../sim';

const MIN = 60_000;

/** What one actuation put in place on one target; a target's layers stack, the newest in force. */
type Layer =
  | { actionId: string; kind: 'signal'; node: number; timing: IntersectionTiming }
  | { actionId: string; kind: 'feeder'; feeder: number; response: FeederResponse }
  | { actionId: string; kind: 'segment'; segment: number; factor: number };

interface ActuationRecord {
  actionId: string;
  plan: ActionPlan;
  appliedAt: number;
  endsAt: number;
  state: ActuationStatus['state'];
  targets: string[];
}

export interface ActuatorParts {
  city: City;
  traffic: TrafficSim;
  grid?: GridDomain;
  air?: AirTwin;
}

const intersectionsCache = new WeakMap<City, Intersection[]>();
function intersectionsOf(city: City): Intersection[] {
  let list = intersectionsCache.get(city);
  if (!list) intersectionsCache.set(city, (list = signalisedIntersections(city)));
  return list;
}

/**
 * Carries plans out in the twin and takes them back. Each plan becomes layers on its targets
 * (intersections, feeders, segments); a target runs its newest layer, or its default with none.
 * Ending or rolling back an action removes its layers, so each target returns exactly to what it
 * ran before (another action's plan, or the default). An action id is carried out once.
 */
export class Actuator {
  private readonly records = new Map<string, ActuationRecord>();
  private readonly layers = new Map<string, Layer[]>();
  private readonly byId: Map<string, Intersection>;
  private readonly byNode: Map<number, Intersection>;
  private readonly segmentIndex: Map<string, number>;
  /** Signalised segments leaving each node, whose arrivals depend on that node's timing. */
  private readonly downstreamApproaches: number[][];

  constructor(private readonly parts: ActuatorParts) {
    const list = intersectionsOf(parts.city);
    this.byId = new Map(list.map((x) => [x.id, x]));
    this.byNode = new Map(list.map((x) => [x.node, x]));
    this.segmentIndex = new Map(parts.city.segments.map((s, i) => [s.id, i]));
    this.downstreamApproaches = parts.city.nodes.map(() => []);
    parts.city.segments.forEach((s, i) => {
      if (this.byNode.has(s.to)) this.downstreamApproaches[s.from].push(i);
    });
  }

  intersections(): SignalIntersection[] {
    return [...this.byId.values()].map((x) => {
      const top = this.top(`j:${x.node}`);
      return {
        id: x.id,
        name: x.name,
        location: x.location,
        approaches: x.approaches.map(({ segmentId, street, axis, saturationVph }) => ({ segmentId, street, axis, saturationVph })),
        timing: top?.kind === 'signal' ? top.timing : x.defaultTiming,
        actionId: top?.actionId ?? null,
      };
    });
  }

  /** The timing an intersection runs now. */
  timingOf(intersectionId: string): IntersectionTiming | null {
    const x = this.byId.get(intersectionId);
    if (!x) return null;
    const top = this.top(`j:${x.node}`);
    return top?.kind === 'signal' ? top.timing : x.defaultTiming;
  }

  /** What in a plan does not fit this city (beyond the schema): empty when it can be carried out at `now`. */
  validate(plan: ActionPlan, now: number): FieldIssue[] {
    const issues: FieldIssue[] = [];
    const at = (path: string, message: string) => issues.push({ path: `plan.${path}`, message });
    if (plan.kind === 'signal-retiming') {
      plan.corridor.forEach((id, k) => {
        if (!this.segmentIndex.has(id)) at(`corridor[${k}]`, `no segment ${id}`);
      });
      const seen = new Set<string>();
      plan.intersections.forEach((t, k) => {
        const x = this.byId.get(t.intersectionId);
        if (!x) return at(`intersections[${k}].intersectionId`, `no signalised intersection ${t.intersectionId}`);
        if (seen.has(t.intersectionId)) at(`intersections[${k}].intersectionId`, `${t.intersectionId} is timed twice`);
        seen.add(t.intersectionId);
        if (t.offsetS > t.cycleS) at(`intersections[${k}].offsetS`, 'must be within the cycle');
        const used = t.phases.reduce((sum, p) => sum + p.greenS + SIGNAL_LOST_TIME_PER_PHASE_S, 0);
        if (used > t.cycleS + 0.5)
          at(`intersections[${k}].phases`, `greens plus ${SIGNAL_LOST_TIME_PER_PHASE_S} s lost time per phase take ${used} s, more than the ${t.cycleS} s cycle`);
        const own = new Set(x.approaches.map((a) => a.segmentId));
        const placed = new Set<string>();
        t.phases.forEach((p, q) =>
          p.approaches.forEach((id, r) => {
            if (!own.has(id)) at(`intersections[${k}].phases[${q}].approaches[${r}]`, `${id} is not an approach of ${x.id}`);
            else if (placed.has(id)) at(`intersections[${k}].phases[${q}].approaches[${r}]`, `${id} is in two phases`);
            placed.add(id);
          }),
        );
        const missing = [...own].filter((id) => !placed.has(id));
        if (missing.length) at(`intersections[${k}].phases`, `approaches in no phase: ${missing.join(', ')}`);
      });
    } else if (plan.kind === 'demand-response') {
      const grid = this.parts.grid;
      const fi = grid ? grid.model.network.feeders.findIndex((f) => f.id === plan.feederId) : -1;
      if (fi < 0) at('feederId', `no feeder ${plan.feederId}`);
      else if (!grid?.model.batteryFeeder.includes(fi)) {
        const k = plan.steps.findIndex((s) => s.batteryKw !== 0);
        if (k >= 0) at(`steps[${k}].batteryKw`, `feeder ${plan.feederId} has no battery`);
      }
      if (Date.parse(plan.start) + plan.durationMin * MIN <= now) at('start', 'the plan is over before it could start');
    } else {
      if (!this.parts.air?.stations.some((s) => s.id === plan.stationId)) at('stationId', `no station ${plan.stationId}`);
      plan.segments.forEach((id, k) => {
        if (!this.segmentIndex.has(id)) at(`segments[${k}]`, `no segment ${id}`);
      });
    }
    return issues;
  }

  /** Put a plan in force (validate it first); a known action id does nothing and answers duplicate. */
  actuate(actionId: string, plan: ActionPlan, now: number): ActuationStatus {
    const known = this.records.get(actionId);
    if (known) return this.statusOf(known, true);
    const endsAt = plan.kind === 'demand-response' ? Date.parse(plan.start) + plan.durationMin * MIN : now + plan.durationMin * MIN;
    const layers = this.layersOf(actionId, plan, endsAt);
    const record: ActuationRecord = { actionId, plan, appliedAt: now, endsAt, state: 'active', targets: layers.map(keyOf) };
    this.records.set(actionId, record);
    for (const layer of layers) {
      const key = keyOf(layer);
      this.layers.set(key, [...(this.layers.get(key) ?? []), layer]);
    }
    this.applyTargets(record.targets);
    return this.statusOf(record, false);
  }

  /** Take an action back; null when unknown. An action already ended or rolled back stays as it is. */
  rollback(actionId: string): ActuationStatus | null {
    const record = this.records.get(actionId);
    if (!record) return null;
    if (record.state === 'active') this.remove(record, 'rolled-back');
    return this.statusOf(record, false);
  }

  status(actionId: string): ActuationStatus | null {
    const record = this.records.get(actionId);
    return record ? this.statusOf(record, false) : null;
  }

  /** End the actions whose time is up (the twin calls it every step). */
  expire(now: number): void {
    for (const record of this.records.values()) if (record.state === 'active' && now >= record.endsAt) this.remove(record, 'ended');
  }

  /** Take over another actuator's records and layers (a what-if fork; the sims' state is copied with them). */
  copyFrom(other: Actuator): void {
    this.records.clear();
    this.layers.clear();
    for (const [id, r] of other.records) this.records.set(id, { ...r, targets: [...r.targets] });
    for (const [key, list] of other.layers) this.layers.set(key, [...list]);
  }

  private statusOf(r: ActuationRecord, duplicate: boolean): ActuationStatus {
    return { actionId: r.actionId, state: r.state, appliedAt: new Date(r.appliedAt).toISOString(), endsAt: new Date(r.endsAt).toISOString(), duplicate };
  }

  private remove(record: ActuationRecord, state: ActuationStatus['state']): void {
    record.state = state;
    for (const key of record.targets) {
      const left = (this.layers.get(key) ?? []).filter((l) => l.actionId !== record.actionId);
      if (left.length) this.layers.set(key, left);
      else this.layers.delete(key);
    }
    this.applyTargets(record.targets);
  }

  private layersOf(actionId: string, plan: ActionPlan, endsAt: number): Layer[] {
    if (plan.kind === 'signal-retiming')
      return plan.intersections.map((timing) => ({ actionId, kind: 'signal', node: (this.byId.get(timing.intersectionId) as Intersection).node, timing }));
    if (plan.kind === 'demand-response') {
      const feeder = this.parts.grid?.model.network.feeders.findIndex((f) => f.id === plan.feederId) ?? -1;
      return [{ actionId, kind: 'feeder', feeder, response: { start: Date.parse(plan.start), until: endsAt, steps: plan.steps } }];
    }
    return plan.segments.map((id) => ({ actionId, kind: 'segment', segment: this.segmentIndex.get(id) as number, factor: 1 - plan.reduction }));
  }

  private top(key: string): Layer | undefined {
    const list = this.layers.get(key);
    return list?.[list.length - 1];
  }

  /** Make the sims run what the targets' layers now say. */
  private applyTargets(keys: readonly string[]): void {
    const approaches = new Set<number>();
    for (const key of keys) {
      const [kind, index] = [key.slice(0, 1), Number(key.slice(2))];
      if (kind === 'j') {
        for (const a of (this.byNode.get(index) as Intersection).approaches) approaches.add(a.segment);
        // The arrivals on the next signals' approaches follow this node's timing (progression).
        for (const a of this.downstreamApproaches[index]) approaches.add(a);
      } else if (kind === 'f') {
        const top = this.top(key);
        this.parts.grid?.sim.setResponse(index, top?.kind === 'feeder' ? top.response : null);
      } else {
        const top = this.top(key);
        this.parts.traffic.restriction[index] = top?.kind === 'segment' ? top.factor : 1;
      }
    }
    for (const a of approaches) this.applyApproach(a);
  }

  private applyApproach(segment: number): void {
    const { city, traffic } = this.parts;
    const s = city.segments[segment];
    const top = this.top(`j:${s.to}`);
    // No plan on the junction: exactly the twin's default signal, whatever ran before.
    if (top?.kind !== 'signal') return traffic.setApproachControl(segment, GREEN_SHARE, SIGNAL_SPEED_FACTOR);
    const up = this.top(`j:${s.from}`);
    let upstream: Upstream | undefined;
    const axis = this.byNode.get(s.to)?.approaches.find((a) => a.segment === segment)?.axis;
    const feeding = up?.kind === 'signal' ? this.byNode.get(s.from)?.approaches.find((a) => a.axis === axis && a.segment !== s.reverse) : undefined;
    if (up?.kind === 'signal' && feeding) upstream = { timing: up.timing, phase: phaseOf(up.timing, feeding.segmentId), travelS: s.lengthM / (s.freeFlowKmh / 3.6) };
    const control = approachControl(top.timing, phaseOf(top.timing, s.id), upstream);
    traffic.setApproachControl(segment, control.exitShare, control.speedFactor);
  }
}

const keyOf = (l: Layer): string => (l.kind === 'signal' ? `j:${l.node}` : l.kind === 'feeder' ? `f:${l.feeder}` : `s:${l.segment}`);
