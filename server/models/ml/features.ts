import type { Panel } from './panel';
import { DAY_MS, isWeekend, type Profile } from './profile';

/** The weather variables the models see, in this order, and how each is brought near unit scale. */
export const WEATHER_VARS = ['temperatureC', 'solarWm2', 'windSpeedMs', 'mixingHeightM'] as const;
const WEATHER_NORM: Record<(typeof WEATHER_VARS)[number], [number, number]> = {
  temperatureC: [12, 10],
  solarWm2: [0, 500],
  windSpeedMs: [0, 5],
  mixingHeightM: [0, 1000],
};

/**
 * What a model sees at a forecast origin: the target's series, their scales and seasonal profile,
 * the city's weather on the same grid, and (roads) which series feed into and out of which.
 */
export interface Context {
  panel: Panel;
  profile: Profile;
  /** Profile series index of each panel series. */
  profileIndex: Int32Array;
  scales: Float32Array;
  /** Rows in WEATHER_VARS order, on the panel's grid; null when no weather is held. */
  weather: Float32Array[] | null;
  /** Per series: indices of the series upstream (in) and downstream (out). */
  upstream: Int32Array[] | null;
  downstream: Int32Array[] | null;
}

export type DriverGroup = 'time-of-day' | 'recent-trend' | 'weather' | 'upstream-congestion';

export interface FeatureLayout {
  lags: number;
  /** Windows (steps) of the mean departures among the features. */
  windows: readonly number[];
  names: string[];
  groups: (DriverGroup | 'bias')[];
}

export function makeContext(panel: Panel, profile: Profile, scales: Float32Array, weather: Float32Array[] | null, neighbours?: { upstream: Int32Array[]; downstream: Int32Array[] } | null): Context {
  const pIndex = profile.index();
  const profileIndex = Int32Array.from(panel.ids, (id) => pIndex.get(id) ?? -1);
  return { panel, profile, profileIndex, scales, weather, upstream: neighbours?.upstream ?? null, downstream: neighbours?.downstream ?? null };
}

export const seasonalAt = (ctx: Context, i: number, t: number) => {
  const p = ctx.profileIndex[i];
  return p < 0 ? NaN : ctx.profile.at(p, t);
};

/** Departure of series i at step k from its seasonal level, in units of its scale; NaN when missing. */
export function anomaly(ctx: Context, i: number, k: number): number {
  if (k < 0 || k >= ctx.panel.length) return NaN;
  const v = ctx.panel.values[i][k];
  if (Number.isNaN(v)) return NaN;
  return (v - seasonalAt(ctx, i, ctx.panel.start + k * ctx.panel.stepMs)) / ctx.scales[i];
}

const meanAnomaly = (ctx: Context, list: Int32Array, k: number) => {
  let s = 0;
  let n = 0;
  for (const j of list) {
    const a = anomaly(ctx, j, k);
    if (!Number.isNaN(a)) {
      s += a;
      n++;
    }
  }
  return n ? s / n : 0;
};

/** Per context and window: every series' mean departure over the `steps` steps ending at each k. */
const rollingMeans = new WeakMap<Context, Map<number, Float32Array[]>>();

/**
 * Mean departure of series i from its seasonal level over the `steps` steps ending at k (the
 * readings there are; 0 when none). A day's own level — busier, colder, a particulate episode —
 * shows in it, where the last few readings are mostly short-lived noise.
 */
export function windowMeanAnomaly(ctx: Context, i: number, k: number, steps: number): number {
  let byWindow = rollingMeans.get(ctx);
  if (!byWindow) rollingMeans.set(ctx, (byWindow = new Map()));
  let means = byWindow.get(steps);
  if (!means) {
    const n = ctx.panel.length;
    means = ctx.panel.ids.map((_, j) => {
      const out = new Float32Array(n);
      let sum = 0;
      let count = 0;
      const a = new Float32Array(n);
      for (let m = 0; m < n; m++) {
        a[m] = anomaly(ctx, j, m);
        if (!Number.isNaN(a[m])) {
          sum += a[m];
          count++;
        }
        const old = m - steps;
        if (old >= 0 && !Number.isNaN(a[old])) {
          sum -= a[old];
          count--;
        }
        out[m] = count ? sum / count : 0;
      }
      return out;
    });
    byWindow.set(steps, means);
  }
  return k >= 0 && k < ctx.panel.length ? means[i][k] : 0;
}

export function weatherAt(ctx: Context, k: number, out: number[]): void {
  WEATHER_VARS.forEach((name, w) => {
    const row = ctx.weather?.[w];
    const v = row ? row[Math.min(Math.max(k, 0), row.length - 1)] : NaN;
    const [c, s] = WEATHER_NORM[name];
    out.push(Number.isNaN(v) ? 0 : (v - c) / s);
  });
}

export function ridgeLayout(lags: number, withWeather: boolean, withNeighbours: boolean, windows: readonly number[] = []): FeatureLayout {
  const names: string[] = [];
  const groups: FeatureLayout['groups'] = [];
  const add = (name: string, group: FeatureLayout['groups'][number]) => {
    names.push(name);
    groups.push(group);
  };
  add('bias', 'bias');
  for (let j = 0; j < lags; j++) add(`anomaly[t-${j}]`, 'recent-trend');
  for (const w of windows) add(`mean anomaly[${w} steps]`, 'recent-trend');
  add('seasonal[t+h]', 'time-of-day');
  add('seasonal[t+h]-seasonal[t]', 'time-of-day');
  add('sin(time of day)', 'time-of-day');
  add('cos(time of day)', 'time-of-day');
  add('weekend', 'time-of-day');
  if (withWeather) for (const w of WEATHER_VARS) add(w, 'weather');
  if (withNeighbours) {
    add('upstream anomaly', 'upstream-congestion');
    add('downstream anomaly', 'upstream-congestion');
  }
  return { lags, windows, names, groups };
}

/**
 * The ridge model's features for series i, origin step k, horizon h steps; null when the origin
 * has no reading (a forecast then needs another model, or none is made).
 */
export function ridgeFeatures(ctx: Context, layout: FeatureLayout, i: number, k: number, h: number): number[] | null {
  const a0 = anomaly(ctx, i, k);
  if (Number.isNaN(a0)) return null;
  const { panel } = ctx;
  const t = panel.start + k * panel.stepMs;
  const tt = t + h * panel.stepMs;
  const s = ctx.scales[i];
  const x: number[] = [1, a0];
  for (let j = 1; j < layout.lags; j++) {
    const a = anomaly(ctx, i, k - j);
    x.push(Number.isNaN(a) ? a0 : a);
  }
  for (const w of layout.windows) x.push(windowMeanAnomaly(ctx, i, k, w));
  const seasonalT = seasonalAt(ctx, i, t) / s;
  const seasonalTT = seasonalAt(ctx, i, tt) / s;
  const phase = (2 * Math.PI * (tt % DAY_MS)) / DAY_MS;
  x.push(seasonalTT, seasonalTT - seasonalT, Math.sin(phase), Math.cos(phase), isWeekend(tt) ? 1 : 0);
  if (layout.names.includes('temperatureC')) weatherAt(ctx, k, x);
  if (layout.names.includes('upstream anomaly')) {
    x.push(ctx.upstream ? meanAnomaly(ctx, ctx.upstream[i], k) : 0, ctx.downstream ? meanAnomaly(ctx, ctx.downstream[i], k) : 0);
  }
  return x;
}

/** Inputs per step of the GRU: anomaly, seasonal level, time of day, weekend, weather, neighbours. */
export const seqWidth = (withWeather: boolean, withNeighbours: boolean) => 5 + (withWeather ? WEATHER_VARS.length : 0) + (withNeighbours ? 2 : 0);

/** The GRU's input window ending at step k (T steps), written into `out` at `offset`; false when the origin has no reading. */
export function sequenceInto(ctx: Context, i: number, k: number, T: number, withWeather: boolean, withNeighbours: boolean, out: Float32Array, offset: number): boolean {
  const a0 = anomaly(ctx, i, k);
  if (Number.isNaN(a0)) return false;
  const { panel } = ctx;
  const s = ctx.scales[i];
  let o = offset;
  let carry = a0;
  const row: number[] = [];
  for (let j = k - T + 1; j <= k; j++) {
    const t = panel.start + j * panel.stepMs;
    const a = anomaly(ctx, i, j);
    if (!Number.isNaN(a)) carry = a;
    const phase = (2 * Math.PI * (t % DAY_MS)) / DAY_MS;
    row.length = 0;
    row.push(carry, seasonalAt(ctx, i, t) / s, Math.sin(phase), Math.cos(phase), isWeekend(t) ? 1 : 0);
    if (withWeather) weatherAt(ctx, j, row);
    if (withNeighbours) row.push(ctx.upstream ? meanAnomaly(ctx, ctx.upstream[i], j) : 0, ctx.downstream ? meanAnomaly(ctx, ctx.downstream[i], j) : 0);
    for (const v of row) out[o++] = v;
  }
  return true;
}
