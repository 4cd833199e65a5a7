import type { KpiChart } from '@/lib/protocol/kpi';

/**
 * The geometry of a KPI chart drawn without a browser (StaticChart), in a 1000 × 1000 plot box that
 * the page stretches to the card's width: the same scales recharts uses for these charts, so the
 * interactive chart that replaces it after hydration draws the same picture.
 */
export const BOX = 1000;

/** Rounds away floating-point dust (0.30000000000000004) from tick values. */
const clean = (v: number) => Number(v.toPrecision(12));

/**
 * recharts' "nice" ticks for a number axis (tickCount 5, decimals allowed): a step that is a
 * round multiple of its order of magnitude (0.05 steps, 0.1 for numbers of one digit), 0 a tick
 * when the range holds it, and enough ticks above and below to cover [min, max].
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) {
    const v = Number.isFinite(min) ? min : 0;
    return v === 0 ? [0, 1, 2, 3, 4].slice(0, count) : Array.from({ length: count }, (_, i) => clean(Math.floor(v) + i - Math.floor((count - 1) / 2)));
  }
  for (let correction = 0; correction < 100; correction++) {
    const rough = (max - min) / (count - 1);
    const digits = Math.floor(Math.log10(rough)) + 1;
    const magnitude = 10 ** digits;
    const scale = digits !== 1 ? 0.05 : 0.1;
    const step = clean((Math.ceil(rough / magnitude / scale) + correction) * scale * magnitude);
    const middle = min <= 0 && max >= 0 ? 0 : clean((min + max) / 2 - (((min + max) / 2) % step));
    let below = Math.ceil(clean((middle - min) / step));
    let above = Math.ceil(clean((max - middle) / step));
    const n = below + above + 1;
    if (n > count) continue;
    if (n < count) {
      if (max > 0) above += count - n;
      else below += count - n;
    }
    return Array.from({ length: below + above + 1 }, (_, i) => clean(middle + (i - below) * step));
  }
  return [min, max];
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The y axis of a chart: from 0 (recharts' default domain) or below it, to the nice tick above the largest value. */
export function yTicks(chart: Pick<KpiChart, 'series' | 'rows'>): number[] {
  let lo = 0;
  let hi = 0;
  for (const r of chart.rows)
    for (const s of chart.series) {
      const v = r[s.key];
      if (isNum(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  return niceTicks(lo, hi);
}

/** A value's height in the box, 0 at the top. */
export const yOf = (v: number, ticks: number[]) => {
  const lo = ticks[0] ?? 0;
  const hi = ticks[ticks.length - 1] ?? 1;
  return clean(BOX - ((v - lo) / (hi - lo || 1)) * BOX);
};

/** Where row i of n sits across the box: recharts' point scale (lines and areas, first and last at the edges). */
export const pointX = (i: number, n: number) => (n <= 1 ? BOX / 2 : clean((i / (n - 1)) * BOX));

const fmt = (v: number) => String(Math.round(v * 10) / 10);

/** A line through a series' numeric values, skipping gaps (recharts' connectNulls); null when it has none. */
export function linePath(rows: KpiChart['rows'], key: string, ticks: number[]): string | null {
  const pts = rows.flatMap((r, i) => (isNum(r[key]) ? [`${fmt(pointX(i, rows.length))},${fmt(yOf(r[key], ticks))}`] : []));
  return pts.length ? `M${pts.join('L')}` : null;
}

/** The forecast band: along the highs, back along the lows, over the rows that have both; null when none do. */
export function bandPath(rows: KpiChart['rows'], ticks: number[]): string | null {
  const pts = rows.flatMap((r, i) => {
    const [low, high] = [r.low, r.high];
    return isNum(low) && isNum(high) ? [{ x: pointX(i, rows.length), low: yOf(low, ticks), high: yOf(high, ticks) }] : [];
  });
  if (!pts.length) return null;
  const top = pts.map((p) => `${fmt(p.x)},${fmt(p.high)}`);
  const bottom = pts.reverse().map((p) => `${fmt(p.x)},${fmt(p.low)}`);
  return `M${top.join('L')}L${bottom.join('L')}Z`;
}

/** A bar chart's rectangles: each row a band, 10 % gap either side (recharts' barCategoryGap), its series side by side. */
export function barRects(chart: Pick<KpiChart, 'series' | 'rows'>, ticks: number[]): { key: string; index: number; x: number; y: number; width: number; height: number }[] {
  const band = BOX / Math.max(chart.rows.length, 1);
  const width = (band * 0.8) / Math.max(chart.series.length, 1);
  const zero = yOf(Math.max(ticks[0] ?? 0, Math.min(0, ticks[ticks.length - 1] ?? 0)), ticks);
  return chart.rows.flatMap((r, i) =>
    chart.series.flatMap((s, j) => {
      const v = r[s.key];
      if (!isNum(v)) return [];
      const y = yOf(v, ticks);
      return [{ key: s.key, index: j, x: clean(i * band + band * 0.1 + j * width), y: Math.min(y, zero), width: clean(width), height: clean(Math.abs(zero - y)) }];
    }),
  );
}

/**
 * Where the x axis's labels go: at most `most` of them, always the last (recharts' preserveEnd),
 * evenly spaced back from it; 6 is what recharts fits on a month's card at 1440 px.
 */
export function xLabelIndices(n: number, most = 6): number[] {
  if (n <= 0) return [];
  const every = Math.max(1, Math.ceil(n / most));
  const out: number[] = [];
  for (let i = n - 1; i >= 0; i -= every) out.unshift(i);
  return out;
}

/** A bar row's centre across the box. */
export const bandCentre = (i: number, n: number) => clean(((i + 0.5) / Math.max(n, 1)) * BOX);

