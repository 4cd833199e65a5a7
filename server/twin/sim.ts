import type { City } from './city';
import { commuteBias, demandAt } from './demand';
import { Random } from './random';

export const STEP_S = 10;
/** Jam density per lane (vehicles per metre): about 6.7 m of road per queued car. */
const JAM_PER_LANE_M = 0.15;
/** Share of capacity a signalised junction leaves to each approach (its green share). */
const GREEN_SHARE = 0.55;
/** Free-flow speed through signalised approaches is lower: drivers meet red lights. */
const SIGNAL_SPEED_FACTOR = 0.85;
/** Vehicles that reach their destination at a segment's end, by class. */
const SINK_SHARE: Record<string, number> = { motorway: 0.02, primary: 0.06, secondary: 0.1, tertiary: 0.14, residential: 0.22 };
/** Trips starting per segment per second at demand 1.0, by class. */
const SOURCE_RATE: Record<string, number> = { motorway: 0.06, primary: 0.045, secondary: 0.027, tertiary: 0.018, residential: 0.011 };
/** Incidents per hour per 1,000 segments, and their effect. */
const INCIDENTS_PER_HOUR_PER_1000 = 1.2;

export interface Incident {
  segment: number;
  capacityFactor: number;
  until: number;
}

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
  incidents: Incident[] = [];
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

  constructor(city: City, opts: { seed: number; start: number }) {
    const segs = city.segments;
    const n = (this.size = segs.length);
    this.time = opts.start;
    this.rng = new Random(opts.seed ^ 0x2545f491);
    const f = () => new Float64Array(n);
    [this.vehicles, this.speedKmh, this.flowVph, this.occupancy, this.outflow, this.sunk, this.junctionIn, this.sourceIn] = [f(), f(), f(), f(), f(), f(), f(), f()];
    [this.lengthM, this.lanes, this.vf, this.capacity, this.exitCapacity, this.jam, this.sinkShare, this.sourceRate] = [f(), f(), f(), f(), f(), f(), f(), f()];
    [this.freeFactor, this.waiting, this.sumW, this.send, this.receive, this.demand, this.alpha, this.noise] = [f(), f(), f(), f(), f(), f(), f(), f()];
    this.capacityFactor = f().fill(1);

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
    const level = demandAt(this.time);

    for (let i = 0; i < n; i++) {
      const space = Math.max(0, this.jam[i] - vehicles[i]);
      send[i] = Math.min(vehicles[i], ((vehicles[i] * this.vf[i]) / this.lengthM[i]) * dt, this.exitCapacity[i] * this.capacityFactor[i] * dt);
      // Backward wave: a nearly full segment takes in only what its tail clears.
      const critical = (this.capacity[i] / this.vf[i]) * this.lengthM[i];
      const wave = (this.capacity[i] / Math.max(1e-9, this.jam[i] - critical)) * space;
      receive[i] = Math.min(space, this.capacity[i] * dt, wave * dt > 0 ? wave * dt : 0);
      demand[i] = 0;
      sumW[i] = 0;
      junctionIn[i] = 0;
      sourceIn[i] = 0;
    }

    // Turning shares, leaning towards the centre in the morning and away in the evening.
    for (let p = 0; p < pairW.length; p++) {
      const w = this.pairBase[p] * Math.max(0.15, 1 + bias * this.pairInward[p] * -1);
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
      this.waiting[i] = Math.min(this.sourceRate[i] * level * 600, this.waiting[i] + this.sourceRate[i] * level * dt * (0.8 + 0.4 * this.rng.next()));
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
      const vf = this.vf[i] * this.freeFactor[i];
      const k = this.vehicles[i] / this.lengthM[i];
      const kj = this.jam[i] / this.lengthM[i];
      const q = this.capacity[i] * this.capacityFactor[i];
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
    for (const inc of this.incidents) if (inc.until <= this.time) this.capacityFactor[inc.segment] = 1;
    this.incidents = this.incidents.filter((inc) => inc.until > this.time);
    const perStep = (INCIDENTS_PER_HOUR_PER_1000 * this.size) / 1000 / (3600 / STEP_S);
    if (this.rng.next() < perStep) {
      const segment = this.rng.int(0, this.size);
      if (this.capacityFactor[segment] === 1)
        this.addIncident(segment, this.rng.range(0.1, 0.5), this.rng.range(10, 60) * 60_000);
    }
  }

  /** Cut a segment's capacity (a crash, a broken-down bus) for a while. */
  addIncident(segment: number, capacityFactor: number, durationMs: number): void {
    this.capacityFactor[segment] = capacityFactor;
    this.incidents.push({ segment, capacityFactor, until: this.time + durationMs });
  }

  totalVehicles(): number {
    let sum = 0;
    for (let i = 0; i < this.size; i++) sum += this.vehicles[i];
    return sum;
  }
}
