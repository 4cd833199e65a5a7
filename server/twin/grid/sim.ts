import type { WeatherNow } from '../domain';
import { fractalNoise } from '../noise';
import { batteryWish, runBattery } from './battery';
import { classDemandKw, classFactors, solarKw, totalKw } from './load';
import type { GridModel } from './network';

const HOUR = 3_600_000;

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

  constructor(
    readonly model: GridModel,
    readonly seed: number,
    start: number,
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
  }

  /** Advance to `time` under `weather`; batteries act over the time since the last step. */
  step(time: number, weather: WeatherNow): void {
    const dtH = Math.max(0, time - this.time) / HOUR;
    this.time = time;
    const d = new Date(time);
    const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
    const factors = classFactors(time, weather.temperatureC);
    this.model.feeders.forEach((f, i) => {
      // Customers do not all switch on together: a slow few-percent wander per feeder.
      const noise = 1 + 0.04 * fractalNoise(time, 2 * HOUR, this.seed, 1000 + i);
      const classes = classDemandKw(f.mix, factors);
      this.demandKw[i] = totalKw(classes) * noise;
      this.evKw[i] = classes.ev * noise;
      this.solarKw[i] = solarKw(f.solarKwp, weather.solarRadiationWm2, weather.temperatureC);
      this.batteryKw[i] = 0;
    });
    this.model.network.batteries.forEach((b, k) => {
      const fi = this.model.batteryFeeder[k];
      const netKw = this.demandKw[fi] - this.solarKw[fi];
      const wish = batteryWish(b, this.soc[k], { hour, netKw, capacityKw: this.model.feeders[fi].feeder.capacityKw });
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
