import { NGSI_LD_CORE_CONTEXT } from '@/lib/protocol/ngsi';
import { SDM_ENVIRONMENT_CONTEXT, type AirQualityObservedEntity } from '@/lib/protocol/ngsi-air';
import type { TwinContext, TwinDomain } from '../domain';
import { DATA_PROVIDER } from '../ngsi';
import { Random } from '../random';
import { airAt, type AirSample, type Increment } from './chemistry';
import { regionalPmEpisode } from '../variation';
import { buildKernel, nearRoad, urbanBox, type Kernel } from './dispersion';
import { emissionArrays, emittedPollutants, segmentEmissions, type EmissionArrays } from './emissions';
import { placeStations, type AirStation } from './stations';

/** Stations report once a minute of twin time. */
export const REPORT_EVERY_MS = 60_000;
/** Time constants of the first-order lag towards the current equilibrium: sensors and air respond over minutes. */
const TAU_MS: Record<keyof AirSample, number> = { pm25: 30 * 60_000, pm10: 30 * 60_000, no2: 12 * 60_000, o3: 12 * 60_000, co: 12 * 60_000, no: 8 * 60_000 };
const SAMPLE_KEYS = Object.keys(TAU_MS) as (keyof AirSample)[];
const EQUILIBRIUM_EVERY_MS = 30_000;
/** Relative sensor noise (AR(1), so readings wander a little rather than flicker). */
const NOISE = 0.04;

const round = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

/**
 * The twin's air quality (domain "air"): stations across the town measuring PM2.5, PM10, NO2,
 * O3 and CO from a regional background, the town's traffic (emissions from each segment's
 * vehicles and speed, see emissions.ts) dispersed by the weather (dispersion.ts), and ozone
 * chemistry (chemistry.ts). Readings follow the equilibrium with a first-order lag and are
 * reported as AirQualityObserved once a minute.
 */
export class AirTwin implements TwinDomain {
  readonly name = 'air';
  readonly stations: AirStation[];
  /** The current (lagged, noisy) reading of every station. */
  readonly readings: AirSample[];
  private readonly kernel: Kernel;
  private readonly emissions: EmissionArrays;
  private readonly near: Record<string, Float64Array>;
  /** The lagged equilibrium, before sensor noise. */
  private readonly clean: AirSample[];
  private readonly noise: Float64Array[];
  private readonly rng: Random;
  private time: number | null = null;
  private target: AirSample[] | null = null;
  private targetAt = -Infinity;
  private reportedMinute = -1;
  private due = false;

  constructor(private readonly ctx: TwinContext) {
    this.stations = placeStations(ctx.city, ctx.seed);
    this.kernel = buildKernel(ctx.city, this.stations);
    this.emissions = emissionArrays(ctx.city.segments.length);
    this.near = Object.fromEntries(emittedPollutants.map((p) => [p, new Float64Array(this.stations.length)]));
    this.rng = new Random(ctx.seed ^ 0x5ea1a1);
    this.noise = this.stations.map(() => new Float64Array(SAMPLE_KEYS.length));
    this.readings = this.stations.map(() => ({ pm25: 0, pm10: 0, no2: 0, o3: 0, co: 0, no: 0 }));
    this.clean = this.stations.map(() => ({ pm25: 0, pm10: 0, no2: 0, o3: 0, co: 0, no: 0 }));
  }

  /** The air at each station before sensor noise (what a plan's effect is measured on). */
  cleanReadings(): readonly AirSample[] {
    return this.clean;
  }

  copyFrom(other: TwinDomain): void {
    if (!(other instanceof AirTwin)) throw new Error('copyFrom: not the air twin');
    this.time = other.time;
    this.target = other.target ? other.target.map((t) => ({ ...t })) : null;
    this.targetAt = other.targetAt;
    this.reportedMinute = other.reportedMinute;
    this.due = other.due;
    other.readings.forEach((r, s) => Object.assign(this.readings[s], r));
    other.clean.forEach((r, s) => Object.assign(this.clean[s], r));
    other.noise.forEach((n, s) => this.noise[s].set(n));
    this.rng.copyFrom(other.rng);
  }

  registration(): [] {
    return [];
  }

  /** The air every station would settle to under the traffic and weather now (no lag, no noise). */
  equilibrium(): AirSample[] {
    const weather = this.ctx.weather();
    segmentEmissions(this.ctx.traffic, this.emissions);
    const urban: Increment = { nox: 0, pm25: 0, pm10: 0, co: 0 };
    for (const p of emittedPollutants) {
      nearRoad(this.kernel, this.emissions, p, weather, this.near[p]);
      urban[p] = urbanBox(this.ctx.city, this.emissions, p, weather);
    }
    const episode = regionalPmEpisode(this.ctx.traffic.time, this.ctx.seed);
    return this.stations.map((_, s) => {
      const local: Increment = { nox: 0, pm25: 0, pm10: 0, co: 0 };
      for (const p of emittedPollutants) local[p] = this.near[p][s] + urban[p];
      return airAt(weather, local, episode);
    });
  }

  step(time: number): void {
    // The equilibrium moves slowly next to the lag's minutes: a fresh one every 30 s is plenty.
    if (!this.target || time - this.targetAt >= EQUILIBRIUM_EVERY_MS) [this.target, this.targetAt] = [this.equilibrium(), time];
    const target = this.target;
    const dt = this.time === null ? Infinity : Math.max(0, time - this.time);
    this.time = time;
    target.forEach((eq, s) => {
      const clean = this.clean[s];
      const noise = this.noise[s];
      SAMPLE_KEYS.forEach((key, k) => {
        clean[key] += (1 - Math.exp(-dt / TAU_MS[key])) * (eq[key] - clean[key]);
        // The lag is the air's; the noise is the sensor's, on top of it.
        noise[k] = 0.9 * noise[k] + 0.1 * this.rng.normal(0, NOISE * 3);
        this.readings[s][key] = Math.max(0, clean[key] * (1 + noise[k]));
      });
    });
    const minute = Math.floor(time / REPORT_EVERY_MS);
    if (minute > this.reportedMinute) {
      this.reportedMinute = minute;
      this.due = true;
    }
  }

  observations(): AirQualityObservedEntity[] {
    if (!this.due || this.time === null) return [];
    this.due = false;
    const at = new Date(Math.floor(this.time / REPORT_EVERY_MS) * REPORT_EVERY_MS).toISOString();
    return this.stations.map((st, s) => {
      const r = this.readings[s];
      return {
        '@context': [NGSI_LD_CORE_CONTEXT, SDM_ENVIRONMENT_CONTEXT],
        id: `urn:ngsi-ld:AirQualityObserved:${st.id}`,
        type: 'AirQualityObserved',
        name: st.name,
        stationCode: st.id,
        typeOfLocation: st.kind,
        location: { type: 'Point', coordinates: st.location },
        dateObserved: at,
        pm25: round(r.pm25, 1),
        pm10: round(r.pm10, 1),
        no2: round(r.no2, 1),
        o3: round(r.o3, 1),
        co: round(r.co, 2),
        no: round(r.no, 1),
        dataProvider: DATA_PROVIDER,
      };
    });
  }
}
