/**
 * Forecast benchmark (issue 4): `npm run bench -- forecast` or `node --import tsx bench/forecast.ts`.
 * 1. The twin: simulate BENCH_FORECAST_DAYS (default 21) days of the default city, train every
 *    family on all but the last week and score them on that held-out week (traffic speed, feeder
 *    load, PM2.5), then time forecasting the whole city at once. BENCH_FORECAST_CACHE=<file> keeps
 *    the simulated panels between runs (iterating on the models).
 * 2. Real data in ../shared/data (skipped when absent): Los-loop speeds (first 80 % train, last
 *    20 % test), PJM East hourly load, Beijing Aotizhongxin PM2.5.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import type { HorizonMetrics, ModelFamily } from '@/lib/protocol/forecast';
import { generateCity } from '../server/twin/city';
import { simulateWorldBlock } from '../server/twin/city-history';
import { makeContext } from '../server/models/ml/features';
import { WEATHER_VARS } from '../server/models/ml/features';
import { hasData, readBeijing, readLosLoop, readPjme } from '../server/models/ml/datasets';
import { cleanPanel, coarsen, type Panel } from '../server/models/ml/panel';
import { bestOf, runPipeline, type PipelineResult, type Split } from '../server/models/ml/pipeline';
import { roadNeighbours } from '../server/models/ml/neighbours';
import { targetSpecs, type TargetSpec } from '../server/models/ml/targets';
import { mapForecast } from '../server/models/ml/responses';
import type { ForecastSet } from '../server/models/ml/service';
import type { Figure } from './report';

const DAY = 86_400_000;
const BUCKET = 300_000;

function pct(a: number, b: number) {
  return b > 0 ? (100 * (b - a)) / b : 0;
}

/** Figures of one pipeline run: each family's MAE and coverage per reported horizon, and the winner's gain over both baselines. */
function report(label: string, r: PipelineResult, stepMinutes: number, focus?: number[]): Figure[] {
  const out: Figure[] = [];
  const by = new Map(r.results.map((x) => [x.family, x]));
  const at = (f: ModelFamily, h: number): HorizonMetrics | undefined => by.get(f)?.metrics.find((m) => m.horizonMinutes === h);
  const best = bestOf(r.results.filter((x) => x.family !== 'persistence' && x.family !== 'seasonal-mean'));
  for (const x of r.results) {
    if (x.error) out.push({ name: `${label} ${x.family}`, value: NaN, unit: '', note: `failed: ${x.error}` });
    else
      out.push({
        name: `${label} ${x.family} MAE`,
        value: x.score ?? NaN,
        unit: 'mean over horizons',
        note: `${x.metrics.map((m) => `+${m.horizonMinutes}m ${m.mae.toFixed(3)} (cov ${(m.coverage * 100).toFixed(0)}%, MAPE ${m.mape ?? '–'}%)`).join('; ')}; fit ${(x.trainMs / 1000).toFixed(1)} s`,
      });
  }
  if (best)
    for (const h of focus ?? best.metrics.map((m) => m.horizonMinutes / stepMinutes)) {
      const minutes = h * stepMinutes;
      const b = at(best.family, minutes);
      const p = at('persistence', minutes);
      const s = at('seasonal-mean', minutes);
      if (!b || !p || !s) continue;
      out.push({
        name: `${label} +${minutes} min: ${best.family} vs baselines`,
        value: Math.min(pct(b.mae, p.mae), pct(b.mae, s.mae)),
        unit: '% lower MAE than the better baseline',
        note: `MAE ${b.mae.toFixed(3)} vs persistence ${p.mae.toFixed(3)} (${pct(b.mae, p.mae).toFixed(1)} %), seasonal mean ${s.mae.toFixed(3)} (${pct(b.mae, s.mae).toFixed(1)} %); P10–P90 coverage ${(b.coverage * 100).toFixed(1)} %`,
      });
    }
  return out;
}

/**
 * The simulated panels, kept in BENCH_FORECAST_CACHE (a file path; v8-serialised) when set: the
 * simulation takes ~10 minutes, so iterating on the models reuses it. Delete the file after a
 * change to the twin. Figures to record come from a run without it (or one that wrote it).
 */
async function simulateCityCached(days: number): Promise<Sim> {
  const file = process.env.BENCH_FORECAST_CACHE;
  if (!file) return simulateCity(days);
  if (existsSync(file)) {
    const cached = deserialize(readFileSync(file)) as Omit<Sim, 'city'> & { days: number };
    if (cached.days === days) return { ...cached, city: generateCity({ seed: 42, size: 2000 }) };
  }
  const sim: Sim = await simulateCity(days);
  const { city: _city, ...panels } = sim;
  writeFileSync(file, serialize({ ...panels, days }));
  return sim;
}

type Sim = Awaited<ReturnType<typeof simulateCity>>;

/** Simulate the twin city and keep the series the models train on, as float panels. */
async function simulateCity(days: number) {
  const city = generateCity({ seed: 42, size: 2000 });
  const end = Date.UTC(2026, 10, 23);
  const start = end - days * DAY;
  const buckets = days * 288;
  const speed = city.segments.map(() => new Float32Array(buckets));
  const grid = new Map<string, Float32Array>();
  const air = new Map<string, Float32Array>();
  const weather = WEATHER_VARS.map(() => new Float32Array(buckets).fill(NaN));
  const wKey = { temperatureC: 'temperatureC', solarWm2: 'solarWm2', windSpeedMs: 'windSpeedMs', mixingHeightM: 'mixingHeightM' } as const;
  const t0 = performance.now();
  for (let d = 0; d < days; d++) {
    const { traffic, city: c } = await simulateWorldBlock(city, 42, { start: start + d * DAY, end: start + (d + 1) * DAY });
    const off = d * 288;
    traffic.speedKmh.forEach((row, i) => speed[i].set(row, off));
    for (const g of c.grid) {
      const v = grid.get(g.assetId) ?? new Float32Array(buckets).fill(NaN);
      grid.set(g.assetId, v);
      g.loadKw.forEach((x, k) => (v[off + k] = x ?? NaN));
    }
    for (const a of c.air) {
      const v = air.get(a.stationId) ?? new Float32Array(buckets).fill(NaN);
      air.set(a.stationId, v);
      a.pm25.forEach((x, k) => (v[off + k] = x ?? NaN));
    }
    const st = c.weather[0];
    if (st) WEATHER_VARS.forEach((w, j) => st[wKey[w]]?.forEach((x, k) => (weather[j][off + k] = x ?? NaN)));
  }
  const simMs = performance.now() - t0;
  const panel = (m: Map<string, Float32Array> | { ids: string[]; values: Float32Array[] }): Panel =>
    m instanceof Map ? { ids: [...m.keys()], start, stepMs: BUCKET, length: buckets, values: [...m.values()] } : { ...m, start, stepMs: BUCKET, length: buckets };
  return { city, simMs, traffic: panel({ ids: city.segments.map((s) => s.id), values: speed }), grid: panel(grid), air: panel(air), weather: panel({ ids: [...WEATHER_VARS], values: weather }) };
}

const onStep = (p: Panel, spec: TargetSpec) => cleanPanel(coarsen(p, (spec.stepMinutes * 60_000) / p.stepMs), spec.range);
/** Held out: the last week; validation: the 3 days before it. */
const lastWeek = (p: Panel): Split => {
  const day = Math.round(DAY / p.stepMs);
  if (p.length < 21 * day) return { trainEnd: Math.round(0.6 * p.length), valEnd: Math.round(0.8 * p.length) };
  return { trainEnd: p.length - 10 * day, valEnd: p.length - 7 * day };
};

async function benchTwin(): Promise<Figure[]> {
  const days = Number(process.env.BENCH_FORECAST_DAYS ?? 21);
  const figures: Figure[] = [];
  const sim = await simulateCityCached(days);
  figures.push({ name: `twin: ${days} days of the default city simulated (traffic, weather, grid, air)`, value: sim.simMs / 1000, unit: 's', note: `${sim.traffic.ids.length} segments, ${sim.grid.ids.length} feeders+substations, ${sim.air.ids.length} stations` });
  let trainTotal = 0;
  const seed = 1;
  // Traffic: models learn from 400 sampled segments; every segment gets a profile.
  const speedSpec = targetSpecs['traffic-speed'];
  const all = onStep(sim.traffic, speedSpec);
  const sample = all.ids.map((_, i) => i).filter((i) => i % 5 === 0);
  const trafficPanel: Panel = { ...all, ids: sample.map((i) => all.ids[i]), values: sample.map((i) => all.values[i]) };
  const w5 = onStep(sim.weather, speedSpec).values;
  let t0 = performance.now();
  const traffic = await runPipeline(speedSpec, trafficPanel, w5, roadNeighbours(trafficPanel.ids, sim.city.segments), { seed, split: lastWeek(trafficPanel), gruSamples: 12_000, gruEpochs: 4 });
  trainTotal += performance.now() - t0;
  figures.push(...report('twin traffic speed (km/h)', traffic, 5, [3, 6, 12]));

  const gridSpec = targetSpecs['grid-load'];
  const gridPanel = onStep(sim.grid, gridSpec);
  t0 = performance.now();
  const grid = await runPipeline(gridSpec, gridPanel, onStep(sim.weather, gridSpec).values, null, { seed, split: lastWeek(gridPanel), gruSamples: 8000, gruEpochs: 4 });
  trainTotal += performance.now() - t0;
  figures.push(...report('twin feeder/substation load (kW)', grid, 15, [4, 96]));

  const airSpec = targetSpecs['air-pm25'];
  const airPanel = onStep(sim.air, airSpec);
  t0 = performance.now();
  const air = await runPipeline(airSpec, airPanel, onStep(sim.weather, airSpec).values, null, { seed, split: lastWeek(airPanel), gruSamples: 8000, gruEpochs: 6 });
  trainTotal += performance.now() - t0;
  figures.push(...report('twin PM2.5 (µg/m³)', air, 60, [6]));
  figures.push({ name: 'twin: training traffic speed, feeder load and PM2.5 (all families, in memory)', value: trainTotal / 1000, unit: 's', note: 'fit + calibrate + test; store I/O not included' });

  // The whole city at once, as the service does each time a step lands: every segment, every horizon.
  for (const best of traffic.results) {
    if (!best.fitted || !best.calibration) continue;
    const fitted = best.fitted;
    const cal = best.calibration;
    const { Profile } = await import('../server/models/ml/profile');
    const trainPart = { ...all, length: lastWeek(all).trainEnd, values: all.values.map((v) => v.subarray(0, lastWeek(all).trainEnd)) };
    const profile = Profile.fit(trainPart, speedSpec.profileSlotMinutes * 60_000);
    const { scalesOf } = await import('../server/models/ml/panel');
    const scales = scalesOf(trainPart, speedSpec.scaleFloor);
    const recent: Panel = { ...all, start: all.start + (all.length - 20) * all.stepMs, length: 20, values: all.values.map((v) => v.slice(all.length - 20)) };
    const ctx = makeContext(recent, profile, scales, w5.map((v) => v.slice(v.length - 20)), roadNeighbours(all.ids, sim.city.segments));
    const times: number[] = [];
    let set: ForecastSet | null = null;
    for (let rep = 0; rep < 5; rep++) {
      const s0 = performance.now();
      const origins = recent.ids.map((_, i) => ({ i, k: recent.length - 1 }));
      const p50 = await fitted.predict(ctx, origins);
      const p10 = p50.map((r, i) => r.map((v, h) => v + scales[i] * cal.lo[h]));
      const p90 = p50.map((r, i) => r.map((v, h) => v + scales[i] * cal.hi[h]));
      times.push(performance.now() - s0);
      set = {
        target: 'traffic-speed',
        card: { id: 'traffic-speed.ridge', version: 1, family: best.family, description: '', metrics: [] } as unknown as ForecastSet['card'],
        madeAt: recent.start + recent.length * recent.stepMs,
        originAt: recent.start + (recent.length - 1) * recent.stepMs,
        stepMs: recent.stepMs,
        ids: recent.ids,
        index: new Map(recent.ids.map((id, i) => [id, i])),
        p10,
        p50,
        p90,
        fellBack: new Set(),
        explain: () => null,
        freeFlowKmh: Float32Array.from(sim.city.segments, (s) => s.freeFlowKmh),
      };
    }
    times.sort((a, b) => a - b);
    if (best.family === 'gru' || best.family === 'ridge') figures.push({ name: `whole city forecast (${all.ids.length} segments × 12 horizons, ${best.family}, P10/P50/P90)`, value: times[2], unit: 'ms (median of 5)', note: 'computed once per new 5-minute step, off the request path' });
    if (set && best.family === 'ridge') {
      const m0 = performance.now();
      let bytes = 0;
      for (const minutes of [5, 15, 30, 45, 60]) bytes += JSON.stringify(mapForecast(set, minutes)).length;
      figures.push({ name: 'map timeline: every segment at +5/+15/+30/+45/+60 min as JSON', value: performance.now() - m0, unit: 'ms for all five', note: `${bytes.toLocaleString('en')} bytes; served from the cached set, once per step` });
    }
  }
  return figures;
}

async function benchReal(): Promise<Figure[]> {
  const figures: Figure[] = [];
  if (hasData('traffic', 'los_speed.csv')) {
    const los = readLosLoop();
    const spec: TargetSpec = { ...targetSpecs['traffic-speed'], unit: 'mph', weather: false, neighbours: false, range: { min: 0.5, max: 120 } };
    const panel = cleanPanel(los, spec.range);
    // T-GCN's split: first 80 % train, last 20 % test; the last eighth of the training part calibrates the intervals.
    const split = { trainEnd: Math.round(0.7 * panel.length), valEnd: Math.round(0.8 * panel.length) };
    const r = await runPipeline(spec, panel, null, null, { seed: 1, split, gruSamples: 10_000, gruEpochs: 4, maxTrainOrigins: 60_000, maxEvalOrigins: 60_000 });
    figures.push(...report('Los-loop speed (mph)', r, 5, [3, 6, 12]));
  } else console.log('[bench forecast] ../shared/data/traffic/los_speed.csv absent: Los-loop skipped');
  if (hasData('energy', 'pjme_hourly.csv')) {
    const p = readPjme();
    const spec: TargetSpec = { ...targetSpecs['grid-load'], target: 'grid-load', unit: 'MW', stepMinutes: 60, horizons: 24, reportSteps: [1, 6, 24], profileSlotMinutes: 60, window: 24, lags: 6, meanWindows: [6, 24], weather: false };
    const panel = cleanPanel(p, { min: 1000, max: 100_000 });
    const split = { trainEnd: Math.round(0.7 * panel.length), valEnd: Math.round(0.8 * panel.length) };
    const r = await runPipeline(spec, panel, null, null, { seed: 1, split, gruSamples: 10_000, gruEpochs: 6 });
    figures.push(...report(`PJM East load (MW, ${new Date(p.start).toISOString().slice(0, 10)} on)`, r, 60, [1, 24]));
  } else console.log('[bench forecast] ../shared/data/energy/pjme_hourly.csv absent: PJME skipped');
  if (hasData('air', 'beijing_aotizhongxin_2013_2017.csv')) {
    const b = readBeijing();
    const spec: TargetSpec = { ...targetSpecs['air-pm25'], weather: true, range: { min: 0, max: 1500 } };
    const panel = cleanPanel(b.pm25, spec.range);
    const split = { trainEnd: Math.round(0.7 * panel.length), valEnd: Math.round(0.8 * panel.length) };
    const r = await runPipeline(spec, panel, b.weather, null, { seed: 1, split, gruSamples: 10_000, gruEpochs: 6 });
    figures.push(...report('Beijing Aotizhongxin PM2.5 (µg/m³)', r, 60, [1, 6, 24]));
  } else console.log('[bench forecast] ../shared/data/air/beijing_aotizhongxin_2013_2017.csv absent: Beijing skipped');
  return figures;
}

export async function benchForecast(): Promise<Figure[]> {
  const which = process.env.BENCH_FORECAST ?? 'real,twin';
  const out: Figure[] = [];
  if (which.includes('real')) out.push(...(await benchReal()));
  if (which.includes('twin')) out.push(...(await benchTwin()));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { printFigures } = await import('./report');
  printFigures('Forecasts', await benchForecast());
}
