import type { IncidentKind } from '@/lib/protocol/incidents';
import type { City } from './city';
import { commuteBias, demandAt } from './demand';
import type { Text } from '@/lib/protocol/texts';
import { crowdAt, plannedIncidents, venuesOf, type Severity, type Venue } from './incident-plan';
import { Random } from './random';
import { activityAt, rainCapacityFactor, rainSpeedFactor } from './variation';
import { weatherAt } from './weather';

export const STEP_S = 10;
/** Jam density per lane (vehicles per metre): about 6.7 m of road per queued car. */
const JAM_PER_LANE_M = 0.15;
/** Share of capacity a signalised junction leaves to each approach (its green share). */
export const GREEN_SHARE = 0.55;
/** Free-flow speed through signalised approaches is lower: drivers meet red lights. */
export const SIGNAL_SPEED_FACTOR = 0.85;
/** Vehicles that reach their destination at a segment's end, by class. */
const SINK_SHARE: Record<string, number> = { motorway: 0.02, primary: 0.06, secondary: 0.1, tertiary: 0.14, residential: 0.22 };
/** Trips starting per segment per second at demand 1.0, by class. */
const SOURCE_RATE: Record<string, number> = { motorway: 0.06, primary: 0.045, secondary: 0.027, tertiary: 0.018, residential: 0.011 };
/**
 * Random incidents per hour per 1,000 segments: a base rate plus a part that follows travel
 * demand (demandAt is 1.0 in the morning peak), so the rush hours have the most.
 */
const CRASHES_PER_HOUR_PER_1000 = { base: 0.35, perDemand: 1.0 };
const BREAKDOWNS_PER_HOUR_PER_1000 = { base: 0.35, perDemand: 0.8 };
const DAY_MS = 24 * 3600_000;

/** Something on the road that cuts capacity for a while: a crash, a breakdown, roadworks or an event. */
export interface Incident {
  /** Stable for a seed: kind, segment id and start time. */
  id: string;
  kind: IncidentKind;
  /** Where it is (for events, the street at the venue). */
  segment: number;
  /** Every segment whose capacity it cuts, `segment` first; events reach the streets around a venue. */
  segments: readonly number[];
  /** Share of capacity left on `segments` while it lasts. */
  capacityFactor: number;
  start: number;
  until: number;
  severity: Severity;
  /** In English (NGSI-LD description, GTFS-RT alerts); descriptionText says it in any language. */
  description: string;
  /** The description as a message code and parameters; none when a caller gave its own description. */
  descriptionText?: Text;
  /** Trip starts on `segments` are multiplied by up to this while crowds come and go (events); 1 otherwise. */
  demandFactor: number;
}

/** Optional details of an incident added by hand (tests, operators); defaults make it a crash starting now. */
export type IncidentDetails = Partial<Omit<Incident, 'segment' | 'capacityFactor' | 'until'>>;

export interface StepAccount {
  /** Vehicles that entered the network (trip starts) and left it (trip ends) in the last step. */
  entered: number;
  exited: number;
}

/**
 * A macroscopic traffic model on the directed segment graph: a link-level cell transmission
 * model. Each segment sends at most its free-flow outflow or its capacity; each receives at most
 * the space left; junctions split flow by turning shares and each exit takes only what it has
 * room for, so the vehicles bound for a full exit stay put and queues spill back upstream. Typed arrays throughout: a 20,000-segment step is a few milliseconds.
 */
export class TrafficSim {
  readonly size: number;
  /** Twin time of the state, ms since epoch. */
  time: number;
  readonly vehicles: Float64Array;
  readonly speedKmh: Float64Array;
  readonly flowVph: Float64Array;
  readonly occupancy: Float64Array;
  /** Vehicles moved over each segment's downstream end in the last step, and the part that left the network. */
  readonly outflow: Float64Array;
  readonly sunk: Float64Array;
  /** Vehicles arriving from junctions and from trip starts in the last step. */
  readonly junctionIn: Float64Array;
  readonly sourceIn: Float64Array;
  readonly capacityFactor: Float64Array;
  /** Multiplier of trip starts per segment (crowds around an event); 1 elsewhere. */
  readonly demandFactor: Float64Array;
  /**
   * Traffic restrictions (actuation): per segment, the share of trip starts on it that still
   * happen and the weight turning moves into it keep (1 unrestricted), so through traffic steers
   * around a restricted area.
   */
  readonly restriction: Float64Array;
  /** Incidents in effect now. */
  incidents: Incident[] = [];
  /** Planned incidents (roadworks, events) of the current day not yet started. */
  private upcoming: Incident[] = [];
  private plannedDay = -1;
  private readonly venues: Venue[];
  private readonly segmentNames: string[];
  private readonly segmentIds: string[];
  private readonly city: City;
  last: StepAccount = { entered: 0, exited: 0 };

  private readonly lengthM: Float64Array;
  private readonly lanes: Float64Array;
  private readonly vf: Float64Array;
  private readonly capacity: Float64Array;
  private readonly exitCapacity: Float64Array;
  private readonly jam: Float64Array;
  private readonly sinkShare: Float64Array;
  private readonly sourceRate: Float64Array;
  private readonly freeFactor: Float64Array;
  private readonly waiting: Float64Array;
  private readonly pairIn: Int32Array;
  private readonly pairOut: Int32Array;
  private readonly pairBase: Float64Array;
  private readonly pairInward: Float64Array;
  private readonly pairW: Float64Array;
  private readonly sumW: Float64Array;
  private readonly send: Float64Array;
  private readonly receive: Float64Array;
  private readonly demand: Float64Array;
  private readonly alpha: Float64Array;
  private readonly rng: Random;
  private readonly noise: Float64Array;

  /** Rain's share of speed and capacity left this step, and the seed of the weather it comes from. */
  private rainSpeed = 1;
  private rainCapacity = 1;
  private readonly weatherSeed: number;

  /** `weatherSeed`: the seed of the weather whose rain slows traffic (the world's; default `seed`). */
  constructor(city: City, opts: { seed: number; start: number; weatherSeed?: number }) {
    const segs = city.segments;
    const n = (this.size = segs.length);
    this.time = opts.start;
    this.rng = new Random(opts.seed ^ 0x2545f491);
    this.weatherSeed = opts.weatherSeed ?? opts.seed;
    const f = () => new Float64Array(n);
    [this.vehicles, this.speedKmh, this.flowVph, this.occupancy, this.outflow, this.sunk, this.junctionIn, this.sourceIn] = [f(), f(), f(), f(), f(), f(), f(), f()];
    [this.lengthM, this.lanes, this.vf, this.capacity, this.exitCapacity, this.jam, this.sinkShare, this.sourceRate] = [f(), f(), f(), f(), f(), f(), f(), f()];
    [this.freeFactor, this.waiting, this.sumW, this.send, this.receive, this.demand, this.alpha, this.noise] = [f(), f(), f(), f(), f(), f(), f(), f()];
    this.capacityFactor = f().fill(1);
    this.demandFactor = f().fill(1);
    this.restriction = f().fill(1);
    this.city = city;
    this.segmentNames = segs.map((s) => s.name);
    this.segmentIds = segs.map((s) => s.id);
    // Venues and planned incidents belong to the city, not to one run: every sim of it agrees.
    this.venues = venuesOf(city, city.seed);

    segs.forEach((s, i) => {
      const signalised = city.nodes[s.to].signalised;
      this.lengthM[i] = s.lengthM;
      this.lanes[i] = s.lanes;
      this.vf[i] = s.freeFlowKmh / 3.6;
      this.capacity[i] = s.capacityVph / 3600;
      this.exitCapacity[i] = (s.capacityVph / 3600) * (signalised ? GREEN_SHARE : 1);
      this.freeFactor[i] = signalised ? SIGNAL_SPEED_FACTOR : 1;
      this.jam[i] = JAM_PER_LANE_M * s.lanes * s.lengthM;
      this.sinkShare[i] = SINK_SHARE[s.roadClass];
      // Trips start more often near the edge of town: people live out, work in.
      const r = Math.hypot(city.nodes[s.from].x, city.nodes[s.from].y);
      this.sourceRate[i] = SOURCE_RATE[s.roadClass] * (0.7 + 0.6 * Math.min(1, r / 3000)) * (s.lengthM / 260);
      this.vehicles[i] = 0;
      this.speedKmh[i] = s.freeFlowKmh;
    });

    // Turning pairs (in → out) straight from the city's CSR adjacency: pair p is the p-th turning move.
    const { downStart, down } = city.adjacency;
    const pin = new Int32Array(down.length);
    const base: number[] = [];
    const inward: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let p = downStart[i]; p < downStart[i + 1]; p++) {
        const o = segs[down[p]];
        pin[p] = i;
        base.push(o.capacityVph);
        // +1 when the exit heads straight for the centre, −1 straight away from it.
        const [ax, ay] = [city.nodes[o.from].x, city.nodes[o.from].y];
        const [bx, by] = [city.nodes[o.to].x, city.nodes[o.to].y];
        const len = Math.hypot(bx - ax, by - ay) || 1;
        const r = Math.hypot(ax, ay) || 1;
        inward.push(-((bx - ax) * ax + (by - ay) * ay) / (len * r));
      }
    }
    this.pairIn = pin;
    this.pairOut = down;
    this.pairBase = Float64Array.from(base);
    this.pairInward = Float64Array.from(inward);
    this.pairW = new Float64Array(pin.length);
    this.updateOutputs(0);
  }

  /** Advance one step of STEP_S seconds. */
  step(): void {
    const dt = STEP_S;
    const n = this.size;
    const { vehicles, send, receive, demand, alpha, sumW, junctionIn, outflow, sunk, sourceIn, pairIn, pairOut, pairW } = this;
    this.updateIncidents();
    const bias = commuteBias(this.time);
    // The day's own activity (variation.ts) on top of the usual curve; the city's seed, like its planned events.
    const level = demandAt(this.time) * activityAt(this.time, this.city.seed);
    const rain = weatherAt(this.time, this.weatherSeed, this.city.center).precipitationMmH;
    this.rainSpeed = rainSpeedFactor(rain);
    this.rainCapacity = rainCapacityFactor(rain);
    const rv = this.rainSpeed;
    const rq = this.rainCapacity;

    for (let i = 0; i < n; i++) {
      const space = Math.max(0, this.jam[i] - vehicles[i]);
      send[i] = Math.min(vehicles[i], ((vehicles[i] * this.vf[i] * rv) / this.lengthM[i]) * dt, this.exitCapacity[i] * this.capacityFactor[i] * rq * dt);
      // Backward wave: a nearly full segment takes in only what its tail clears.
      const critical = (this.capacity[i] / this.vf[i]) * this.lengthM[i];
      const wave = (this.capacity[i] / Math.max(1e-9, this.jam[i] - critical)) * space;
      receive[i] = Math.min(space, this.capacity[i] * rq * dt, wave * dt > 0 ? wave * dt : 0);
      demand[i] = 0;
      sumW[i] = 0;
      junctionIn[i] = 0;
      sourceIn[i] = 0;
    }

    // Turning shares, leaning towards the centre in the morning and away in the evening.
    for (let p = 0; p < pairW.length; p++) {
      const w = this.pairBase[p] * Math.max(0.15, 1 + bias * this.pairInward[p] * -1) * this.restriction[pairOut[p]];
      pairW[p] = w;
      sumW[pairIn[p]] += w;
    }
    for (let p = 0; p < pairW.length; p++) {
      const i = pairIn[p];
      demand[pairOut[p]] += (send[i] * (1 - this.sinkShare[i]) * pairW[p]) / sumW[i];
    }
    for (let j = 0; j < n; j++) alpha[j] = demand[j] > receive[j] ? receive[j] / demand[j] : 1;
    // Each exit takes its share of an approach only as far as it has room (turn lanes queue
    // separately); what cannot go stays on the approach, so a full exit backs traffic up it.
    for (let i = 0; i < n; i++) {
      outflow[i] = 0;
      sunk[i] = send[i] * (sumW[i] > 0 ? this.sinkShare[i] : 1);
    }
    for (let p = 0; p < pairW.length; p++) {
      const i = pairIn[p];
      const moved = ((send[i] * (1 - this.sinkShare[i]) * pairW[p]) / sumW[i]) * alpha[pairOut[p]];
      junctionIn[pairOut[p]] += moved;
      outflow[i] += moved;
    }
    let exited = 0;
    for (let i = 0; i < n; i++) {
      outflow[i] += sunk[i];
      exited += sunk[i];
    }

    // Trip starts take what space is left after the junction flows; the rest wait at the kerb.
    let entered = 0;
    for (let i = 0; i < n; i++) {
      // Trips nobody could start within ten minutes are given up (taken by other means or later).
      const rate = this.sourceRate[i] * level * this.demandFactor[i] * this.restriction[i];
      this.waiting[i] = Math.min(rate * 600, this.waiting[i] + rate * dt * (0.8 + 0.4 * this.rng.next()));
      const room = Math.max(0, receive[i] - junctionIn[i]);
      const go = Math.min(this.waiting[i], room);
      this.waiting[i] -= go;
      sourceIn[i] = go;
      entered += go;
      vehicles[i] = Math.max(0, vehicles[i] + junctionIn[i] + go - outflow[i]);
    }
    this.last = { entered, exited };
    this.time += dt * 1000;
    this.updateOutputs(dt);
  }

  /** Speed from density on a triangular fundamental diagram; flow is what left the segment. */
  private updateOutputs(dt: number): void {
    for (let i = 0; i < this.size; i++) {
      const vf = this.vf[i] * this.freeFactor[i] * this.rainSpeed;
      const k = this.vehicles[i] / this.lengthM[i];
      const kj = this.jam[i] / this.lengthM[i];
      const q = this.capacity[i] * this.capacityFactor[i] * this.rainCapacity;
      const kc = q / this.vf[i];
      let v = vf;
      if (k > kc) v = Math.min(vf, (q * (kj - k)) / Math.max(1e-9, kj - kc) / k);
      // Small, smooth sensor-like noise, so identical roads do not read identically.
      this.noise[i] = 0.8 * this.noise[i] + 0.2 * (this.rng.next() - 0.5) * 0.08;
      v = Math.min(vf, Math.max(0, v * (1 + this.noise[i])));
      this.speedKmh[i] = Math.round(v * 3.6 * 10) / 10;
      this.flowVph[i] = dt > 0 ? Math.round((this.outflow[i] / dt) * 3600) : 0;
      this.occupancy[i] = Math.min(1, Math.round((k / this.lanes[i]) * 6.5 * 1000) / 1000);
    }
  }

  private updateIncidents(): void {
    const ended = this.incidents.filter((inc) => inc.until <= this.time);
    if (ended.length) this.incidents = this.incidents.filter((inc) => inc.until > this.time);
    this.planDay();
    const started = this.upcoming.filter((inc) => inc.start <= this.time);
    if (started.length) {
      this.upcoming = this.upcoming.filter((inc) => inc.start > this.time);
      this.incidents.push(...started.filter((inc) => inc.until > this.time));
    }
    this.randomIncidents();
    if (ended.length || started.length) this.applyCapacity(ended);
    this.applyCrowds(ended);
  }

  /** At each new UTC day, take that day's planned roadworks and events (the same whenever the sim starts). */
  private planDay(): void {
    const day = Math.floor(this.time / DAY_MS) * DAY_MS;
    if (day === this.plannedDay) return;
    this.plannedDay = day;
    const planned = plannedIncidents(this.city, this.city.seed, day, this.venues).filter((p) => p.until > this.time);
    this.upcoming.push(...planned.map((p) => ({ ...p, id: this.idOf(p.kind, p.segment, p.start) })));
  }

  /** Crashes and breakdowns at random, more when more people drive; crashes on busier roads. */
  private randomIncidents(): void {
    const level = demandAt(this.time);
    const perStep = (rate: { base: number; perDemand: number }) => ((rate.base + rate.perDemand * level) * this.size) / 1000 / (3600 / STEP_S);
    const crash = this.rng.next() < perStep(CRASHES_PER_HOUR_PER_1000);
    const breakdown = this.rng.next() < perStep(BREAKDOWNS_PER_HOUR_PER_1000);
    if (crash) {
      // Of a few random segments, the one carrying most traffic: crashes follow exposure.
      let segment = this.rng.int(0, this.size);
      for (let k = 0; k < 2; k++) {
        const other = this.rng.int(0, this.size);
        if (this.flowVph[other] > this.flowVph[segment]) segment = other;
      }
      const factor = this.rng.range(0.1, 0.35);
      const minutes = Math.round(this.rng.range(20, 60));
      if (this.capacityFactor[segment] === 1) this.addIncident(segment, factor, minutes * 60_000, { kind: 'crash' });
    }
    if (breakdown) {
      const segment = this.rng.int(0, this.size);
      const factor = this.rng.range(0.35, 0.5);
      const minutes = Math.round(this.rng.range(10, 40));
      if (this.capacityFactor[segment] === 1) this.addIncident(segment, factor, minutes * 60_000, { kind: 'breakdown' });
    }
  }

  /** Capacity of every segment an incident touches: the lowest share any incident on it leaves. */
  private applyCapacity(ended: readonly Incident[]): void {
    for (const inc of ended) for (const s of inc.segments) this.capacityFactor[s] = 1;
    for (const inc of this.incidents) for (const s of inc.segments) this.capacityFactor[s] = 1;
    for (const inc of this.incidents) for (const s of inc.segments) this.capacityFactor[s] = Math.min(this.capacityFactor[s], inc.capacityFactor);
  }

  /** Trip starts around events follow their crowds through the evening. */
  private applyCrowds(ended: readonly Incident[]): void {
    for (const inc of ended) if (inc.demandFactor !== 1) for (const s of inc.segments) this.demandFactor[s] = 1;
    for (const inc of this.incidents) {
      if (inc.demandFactor === 1) continue;
      const crowd = crowdAt(inc, this.time);
      for (const s of inc.segments) this.demandFactor[s] = crowd;
    }
  }

  private idOf(kind: IncidentKind, segment: number, start: number): string {
    return `${kind}-${this.segmentIds[segment]}-${Math.round(start / 1000)}`;
  }

  private describe(kind: IncidentKind, segment: number, capacityFactor: number): { description: string; descriptionText: Text } {
    const street = this.segmentNames[segment];
    const lanes = this.lanes[segment];
    const open = Math.round(lanes * capacityFactor);
    let passage: 'lanesOpen' | 'slow' | 'closed' | 'blocked' = lanes > 1 ? 'lanesOpen' : 'slow';
    if (capacityFactor === 0) passage = 'closed';
    else if (open === 0 && (lanes > 1 || capacityFactor < 0.25)) passage = 'blocked';
    const lanesText = { lanesOpen: `${open} of ${lanes} lanes open`, slow: 'traffic passing slowly', closed: 'road closed', blocked: 'road blocked, traffic let past in turns' }[passage];
    if (kind === 'crash') return { description: `Crash on ${street}: ${lanesText}`, descriptionText: { code: 'incident.crash', params: { street, passage, open, lanes } } };
    if (kind === 'breakdown')
      return { description: `Broken-down vehicle on ${street}: ${lanesText}`, descriptionText: { code: 'incident.breakdown', params: { street, passage, open, lanes } } };
    if (kind === 'roadworks') return { description: `Roadworks on ${street}`, descriptionText: { code: 'incident.roadworks', params: { street } } };
    return { description: `Event near ${street}`, descriptionText: { code: 'incident.event', params: { street } } };
  }

  /**
   * Cut a segment's capacity for a while from now (a crash, a broken-down bus, roadworks…).
   * Details default to a crash starting now, with a severity from the capacity left.
   */
  addIncident(segment: number, capacityFactor: number, durationMs: number, details: IncidentDetails = {}): Incident {
    const kind = details.kind ?? 'crash';
    const start = details.start ?? this.time;
    const inc: Incident = {
      id: details.id ?? this.idOf(kind, segment, start),
      kind,
      segment,
      segments: details.segments ?? [segment],
      capacityFactor,
      start,
      until: this.time + Math.round(durationMs),
      severity: details.severity ?? (capacityFactor < 0.3 ? 'high' : capacityFactor < 0.6 ? 'medium' : 'low'),
      // A caller's own description has no code: it is shown as given.
      ...(details.description !== undefined ? { description: details.description, descriptionText: details.descriptionText } : this.describe(kind, segment, capacityFactor)),
      demandFactor: details.demandFactor ?? 1,
    };
    this.incidents.push(inc);
    this.applyCapacity([]);
    return inc;
  }

  /**
   * A signalised approach under a signal timing (server/twin/signals.ts): the share of its
   * capacity it discharges (g/C at the stop line) and the free-flow speed factor its delay leaves.
   */
  setApproachControl(segment: number, exitShare: number, speedFactor: number): void {
    this.exitCapacity[segment] = this.capacity[segment] * exitShare;
    this.freeFactor[segment] = speedFactor;
  }

  /**
   * Take over another run's whole state (same city): a what-if fork continues exactly where `other`
   * is, with the same random stream, so both branches see the same randomness.
   */
  copyFrom(other: TrafficSim): void {
    if (other.size !== this.size) throw new Error('copyFrom: a different city');
    this.time = other.time;
    for (const key of ['vehicles', 'speedKmh', 'flowVph', 'occupancy', 'outflow', 'sunk', 'junctionIn', 'sourceIn', 'capacityFactor', 'demandFactor', 'restriction'] as const)
      this[key].set(other[key]);
    this.exitCapacity.set(other.exitCapacity);
    this.freeFactor.set(other.freeFactor);
    this.waiting.set(other.waiting);
    this.noise.set(other.noise);
    this.incidents = [...other.incidents];
    this.upcoming = [...other.upcoming];
    this.plannedDay = other.plannedDay;
    this.last = { ...other.last };
    this.rng.copyFrom(other.rng);
    [this.rainSpeed, this.rainCapacity] = [other.rainSpeed, other.rainCapacity];
  }

  totalVehicles(): number {
    let sum = 0;
    for (let i = 0; i < this.size; i++) sum += this.vehicles[i];
    return sum;
  }
}
