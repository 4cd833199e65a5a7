import type { WeatherNow } from '../domain';
import { fractalNoise } from '../noise';
import { activityAt } from '../variation';
import { batteryWish, runBattery } from './battery';
import { classDemandKw, classFactors, solarKw, totalKw } from './load';
import type { GridModel } from './network';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Demand-response plans come in 15-minute steps. */
export const RESPONSE_STEP_MS = 15 * 60_000;
/** Deferred EV charging comes back after the window at this share of the most that was deferred at once. */
const EV_RETURN_SHARE = 0.5;

/** One feeder's demand response in force (actuation): from `start`, 15-minute steps, until `until`. */
export interface FeederResponse {
  start: number;
  until: number;
  steps: ReadonlyArray<{ shedKw: number; shiftEvKw: number; batteryKw: number }>;
}

/**
 * The grid's state over time. Demand and solar are pure functions of time and weather; only the
 * batteries carry state (their charge), so they are stepped in order.
 */
export class GridSim {
  time: number;
  /** Per feeder, kW: gross demand, rooftop solar, EV charging (part of demand), battery output, net load. */
  readonly demandKw: Float64Array;
  readonly solarKw: Float64Array;
  readonly evKw: Float64Array;
  readonly batteryKw: Float64Array;
  readonly netKw: Float64Array;
  /** Per substation, kW: the sum of its feeders' net loads. */
  readonly substationKw: Float64Array;
  /** Per battery: charge (0–1) and power (kW, positive discharging). */
  readonly soc: Float64Array;
  readonly batteryPowerKw: Float64Array;
  /** Per feeder: the demand response in force (null: none), EV energy deferred and owed (kWh), and its return rate (kW). */
  readonly responses: Array<FeederResponse | null>;
  readonly evDeferredKwh: Float64Array;
  readonly evReturnKw: Float64Array;
  /** Per feeder: load switched off, and EV charging deferred (−) or returning (+), in the last step (kW). */
  readonly shedKw: Float64Array;
  readonly evShiftKw: Float64Array;
  private readonly extraBatteryKw: Float64Array;

  constructor(
    readonly model: GridModel,
    readonly seed: number,
    start: number,
    /** The city's seed, which the day's activity comes from (the traffic's); default `seed`. */
    private readonly citySeed = seed,
  ) {
    const f = model.feeders.length;
    this.time = start;
    this.demandKw = new Float64Array(f);
    this.solarKw = new Float64Array(f);
    this.evKw = new Float64Array(f);
    this.batteryKw = new Float64Array(f);
    this.netKw = new Float64Array(f);
    this.substationKw = new Float64Array(model.network.substations.length);
    this.soc = new Float64Array(model.network.batteries.length).fill(0.5);
    this.batteryPowerKw = new Float64Array(model.network.batteries.length);
    this.responses = model.feeders.map(() => null);
    this.evDeferredKwh = new Float64Array(f);
    this.evReturnKw = new Float64Array(f);
    this.shedKw = new Float64Array(f);
    this.evShiftKw = new Float64Array(f);
    this.extraBatteryKw = new Float64Array(f);
  }

  /** Put a demand response in force on a feeder, or end it (null). EV energy already deferred still returns. */
  setResponse(feeder: number, response: FeederResponse | null): void {
    this.responses[feeder] = response;
  }

  /** Take over another run's state (a what-if fork of the same grid). */
  copyFrom(other: GridSim): void {
    this.time = other.time;
    for (const key of ['demandKw', 'solarKw', 'evKw', 'batteryKw', 'netKw', 'substationKw', 'soc', 'batteryPowerKw', 'evDeferredKwh', 'evReturnKw', 'shedKw', 'evShiftKw'] as const)
      this[key].set(other[key]);
    other.responses.forEach((r, i) => (this.responses[i] = r));
  }

  /**
   * Demand response on feeder i at `time`: flexible load switched off, EV charging deferred inside
   * the plan's window and returned after it (the energy is still wanted), and the battery output asked for.
   */
  private respond(i: number, time: number, dtH: number): void {
    const r = this.responses[i];
    const q = r && time >= r.start && time < r.until ? Math.floor((time - r.start) / RESPONSE_STEP_MS) : -1;
    const step = r && q >= 0 && q < r.steps.length ? r.steps[q] : null;
    this.shedKw[i] = 0;
    this.evShiftKw[i] = 0;
    this.extraBatteryKw[i] = step?.batteryKw ?? 0;
    if (step) {
      const shed = Math.min(step.shedKw, Math.max(0, this.demandKw[i] - this.evKw[i]));
      const shift = Math.min(step.shiftEvKw, this.evKw[i]);
      this.demandKw[i] -= shed + shift;
      this.evKw[i] -= shift;
      this.evDeferredKwh[i] += shift * dtH;
      this.evReturnKw[i] = Math.max(this.evReturnKw[i], EV_RETURN_SHARE * shift);
      [this.shedKw[i], this.evShiftKw[i]] = [shed, -shift];
    } else if (this.evDeferredKwh[i] > 0 && dtH > 0) {
      const back = Math.min(this.evReturnKw[i], this.evDeferredKwh[i] / dtH);
      this.demandKw[i] += back;
      this.evKw[i] += back;
      this.evDeferredKwh[i] = Math.max(0, this.evDeferredKwh[i] - back * dtH);
      if (this.evDeferredKwh[i] < 1e-9) [this.evDeferredKwh[i], this.evReturnKw[i]] = [0, 0];
      this.evShiftKw[i] = back;
    }
  }

  /** Advance to `time` under `weather`; batteries act over the time since the last step. */
  step(time: number, weather: WeatherNow): void {
    const dtH = Math.max(0, time - this.time) / HOUR;
    this.time = time;
    const d = new Date(time);
    const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
    const factors = classFactors(time, weather.temperatureC);
    // The day's activity (variation.ts, the city's seed as the traffic's) moves business and
    // charging loads with it; households less.
    const a = activityAt(time, this.citySeed) - 1;
    const active = { residential: 1 + 0.3 * a, office: 1 + 0.8 * a, industry: 1 + a, ev: 1 + a };
    const scaled = { residential: factors.residential * active.residential, office: factors.office * active.office, industry: factors.industry * active.industry, ev: factors.ev * active.ev };
    this.model.feeders.forEach((f, i) => {
      // Customers do not all switch on together: a slow few-percent wander per feeder, and a
      // drift over days (a plant's shifts, a building's occupancy).
      const noise = 1 + 0.04 * fractalNoise(time, 2 * HOUR, this.seed, 1000 + i) + 0.03 * fractalNoise(time, 1.5 * DAY, this.seed, 5000 + i);
      const classes = classDemandKw(f.mix, scaled);
      this.demandKw[i] = totalKw(classes) * noise;
      this.evKw[i] = classes.ev * noise;
      this.solarKw[i] = solarKw(f.solarKwp, weather.solarRadiationWm2, weather.temperatureC);
      this.batteryKw[i] = 0;
      if (this.responses[i] || this.evDeferredKwh[i] > 0) this.respond(i, time, dtH);
      else if (this.shedKw[i] || this.evShiftKw[i] || this.extraBatteryKw[i]) [this.shedKw[i], this.evShiftKw[i], this.extraBatteryKw[i]] = [0, 0, 0];
    });
    this.model.network.batteries.forEach((b, k) => {
      const fi = this.model.batteryFeeder[k];
      const netKw = this.demandKw[fi] - this.solarKw[fi];
      // A demand-response plan's dispatch adds to the battery's own wish; runBattery keeps it in its limits.
      const wish = batteryWish(b, this.soc[k], { hour, netKw, capacityKw: this.model.feeders[fi].feeder.capacityKw }) + this.extraBatteryKw[fi];
      const done = runBattery(b, this.soc[k], wish, dtH);
      this.soc[k] = done.soc;
      this.batteryPowerKw[k] = dtH > 0 ? done.powerKw : 0;
      this.batteryKw[fi] += this.batteryPowerKw[k];
    });
    for (let i = 0; i < this.netKw.length; i++) this.netKw[i] = this.demandKw[i] - this.solarKw[i] - this.batteryKw[i];
    this.model.feedersOf.forEach((members, s) => {
      let sum = 0;
      for (const i of members) sum += this.netKw[i];
      this.substationKw[s] = sum;
    });
  }
}
