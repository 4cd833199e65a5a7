/**
 * A panel: several series on one regular time grid (e.g. every feeder's load every 15 minutes).
 * Values are Float32Array per series, NaN where nothing was observed. The models read panels.
 */
export interface Panel {
  ids: string[];
  /** Time of step 0 (ms, UTC). */
  start: number;
  stepMs: number;
  length: number;
  values: Float32Array[];
}

export const timeAt = (p: Pick<Panel, 'start' | 'stepMs'>, k: number) => p.start + k * p.stepMs;

export function emptyPanel(ids: string[], start: number, stepMs: number, length: number): Panel {
  return { ids, start, stepMs, length, values: ids.map(() => new Float32Array(length).fill(NaN)) };
}

/** Rows of (id, time, value) onto a grid starting at `start`; rows between grid points go to the step they fall in, averaged. */
export function panelFromRows(rows: Iterable<{ id: string; t: number; v: number | null }>, ids: string[], start: number, stepMs: number, length: number): Panel {
  const index = new Map(ids.map((id, i) => [id, i]));
  const sum = ids.map(() => new Float64Array(length));
  const count = ids.map(() => new Uint16Array(length));
  for (const r of rows) {
    const i = index.get(r.id);
    if (i === undefined || r.v === null || !Number.isFinite(r.v)) continue;
    const k = Math.floor((r.t - start) / stepMs);
    if (k < 0 || k >= length) continue;
    sum[i][k] += r.v;
    count[i][k]++;
  }
  const values = ids.map((_, i) => {
    const out = new Float32Array(length);
    for (let k = 0; k < length; k++) out[k] = count[i][k] ? sum[i][k] / count[i][k] : NaN;
    return out;
  });
  return { ids, start, stepMs, length, values };
}

/** Means of `factor` consecutive steps (5-minute buckets into 15-minute or hourly steps); a step with no value stays NaN. */
export function coarsen(p: Panel, factor: number): Panel {
  if (factor === 1) return p;
  const length = Math.floor(p.length / factor);
  const values = p.values.map((v) => {
    const out = new Float32Array(length);
    for (let k = 0; k < length; k++) {
      let s = 0;
      let n = 0;
      for (let j = k * factor; j < (k + 1) * factor; j++)
        if (!Number.isNaN(v[j])) {
          s += v[j];
          n++;
        }
      out[k] = n ? s / n : NaN;
    }
    return out;
  });
  return { ids: p.ids, start: p.start, stepMs: p.stepMs * factor, length, values };
}

/**
 * Cleaning before training: values outside the physical range become missing, then gaps of at
 * most `maxGap` steps are bridged linearly (a dropped report); longer gaps stay missing and the
 * windows touching them are skipped.
 */
export function cleanPanel(p: Panel, range: { min: number; max: number }, maxGap = 3): Panel {
  const values = p.values.map((src) => {
    const v = Float32Array.from(src, (x) => (x < range.min || x > range.max ? NaN : x));
    let last = -1;
    for (let k = 0; k < v.length; k++) {
      if (Number.isNaN(v[k])) continue;
      const gap = k - last - 1;
      if (last >= 0 && gap > 0 && gap <= maxGap)
        for (let j = 1; j <= gap; j++) v[last + j] = v[last] + ((v[k] - v[last]) * j) / (gap + 1);
      last = k;
    }
    return v;
  });
  return { ...p, values };
}

/** The steps [from, to) of a panel, sharing no memory with it. */
export function slicePanel(p: Panel, from: number, to: number): Panel {
  return { ids: p.ids, start: timeAt(p, from), stepMs: p.stepMs, length: to - from, values: p.values.map((v) => v.slice(from, to)) };
}

/** Per-series scale for normalisation: the mean absolute value, never below `floor`. */
export function scalesOf(p: Panel, floor: number): Float32Array {
  return Float32Array.from(p.values, (v) => {
    let s = 0;
    let n = 0;
    for (const x of v)
      if (!Number.isNaN(x)) {
        s += Math.abs(x);
        n++;
      }
    return Math.max(floor, n ? s / n : floor);
  });
}
