import { BUCKET_HOURS, loadFactor, renewableShare, resolvePeriod, stepsOf } from '@/lib/domain/kpi';
import type { KpiChart, KpiFigure, KpiQuery, KpiReport } from '@/lib/protocol/kpi';
import type { Queryable } from '../../store/sql';
import { SYSTEM_SCOPE } from './grid-rollup';
import { BASELINE_WEEKS, bandNote, bandSeries, sumHours, timeOfWeekBand, WEEK_MS } from './baseline';
import { round, stepStart, sumBySteps, toIso } from './series';

const iso = (t: number) => new Date(t).toISOString();

interface HourRow {
  t: number;
  /** Sum over the hour's 5-minute buckets of the system load (kW): energy = sum × 5 min. */
  loadSum: number;
  peak: number;
  buckets: number;
  solarSum: number;
  overloadBuckets: number;
}
const KEYS = ['loadSum', 'buckets', 'solarSum', 'overloadBuckets'] as const;

/**
 * Hourly totals of the grid in [from, to) from the hourly rollup (grid-rollup.ts): system load is
 * the sum of the substations' net loads per 5-minute bucket (of one substation, when filtered);
 * solar and overloads are the feeders'.
 */
async function hourTotals(db: Queryable, from: number, to: number, substation: string | null): Promise<HourRow[]> {
  const rows = await db.query<{ hour: Date; load_sum: number; peak: number; buckets: number; solar_sum: number; overload: number }>(
    `select hour, load_sum, peak, buckets, solar_sum, overload_buckets as overload
     from kpi_grid_hour where scope = $3 and hour >= $1 and hour < $2 order by hour`,
    [iso(from), iso(to), substation ?? SYSTEM_SCOPE],
  );
  return rows.map((r) => ({
    t: new Date(r.hour).getTime(),
    loadSum: Number(r.load_sum),
    peak: Number(r.peak),
    buckets: r.buckets,
    solarSum: Number(r.solar_sum),
    overloadBuckets: Number(r.overload),
  }));
}

function totals(rows: readonly HourRow[]) {
  let loadSum = 0;
  let solarSum = 0;
  let buckets = 0;
  let overload = 0;
  let peak: number | null = null;
  for (const r of rows) {
    loadSum += r.loadSum;
    solarSum += r.solarSum;
    buckets += r.buckets;
    overload += r.overloadBuckets;
    peak = peak === null ? r.peak : Math.max(peak, r.peak);
  }
  const mean = buckets ? loadSum / buckets : null;
  return {
    mwh: buckets ? (loadSum * BUCKET_HOURS) / 1000 : null,
    peak,
    loadFactor: mean !== null && peak !== null ? loadFactor(mean, peak) : null,
    renewable: buckets ? renewableShare(solarSum * BUCKET_HOURS, loadSum * BUCKET_HOURS) : null,
    overloadMin: buckets ? overload * 5 : null,
  };
}

/** The energy KPI report of a period (docs/KPI.md#energy), from the grid's hourly rollup (rollGrid first). */
export async function energyReport(db: Queryable, q: KpiQuery, now: number): Promise<KpiReport> {
  const substations = await db.query<{ id: string; name: string | null }>(`select id, body->>'name' as name from grid_asset where kind = 'substation' order by id`);
  const filter = q.filter && substations.some((s) => s.id === q.filter) ? q.filter : null;
  const [newest] = await db.query<{ t: Date | null }>('select max(bucket) as t from grid_5min');
  const newestMs = newest?.t ? new Date(newest.t).getTime() : null;
  const p = resolvePeriod(q, newestMs ?? now);
  const from = p.from.getTime();
  const to = p.to.getTime();
  const len = to - from;
  // The previous period and the weeks the time-of-week forecast is drawn from.
  const hours = await hourTotals(db, Math.min(from - len, from - BASELINE_WEEKS * WEEK_MS), to, filter);
  const cur = hours.filter((h) => h.t >= from);
  const prev = hours.filter((h) => h.t >= from - len && h.t < from);
  const c = totals(cur);
  const pv = totals(prev);
  const pct = (v: number | null) => (v === null ? null : v * 100);
  const fig = (key: string, label: string, unit: string, value: number | null, previous: number | null, higherIsBetter: boolean | null, definition: string, digits = 1): KpiFigure => ({
    key,
    label,
    unit,
    value: round(value, digits),
    previous: round(previous, digits),
    higherIsBetter,
    definition,
  });
  const figures: KpiFigure[] = [
    fig('consumption', 'Consumption', 'MWh', c.mwh, pv.mwh, null, 'Net energy drawn through the substations (load × time), after rooftop solar.'),
    fig('peak', 'Peak load', 'kW', c.peak, pv.peak, false, 'Highest 5-minute mean of the total substation load.', 0),
    fig('load-factor', 'Load factor', '%', pct(c.loadFactor), pct(pv.loadFactor), true, 'Average load over peak load in the period.'),
    fig('renewable', 'Renewable share', '%', pct(c.renewable), pct(pv.renewable), true, 'Rooftop solar over gross demand (net consumption + solar).'),
    fig('overload', 'Overload minutes', 'feeder·min', c.overloadMin, pv.overloadMin, false, 'Minutes each feeder ran above its rated capacity, summed over feeders.', 0),
  ];

  const steps = stepsOf(p).map((d) => d.getTime());
  const curSteps = sumBySteps(cur, p.step, KEYS, (r) => r);
  const prevSteps = sumBySteps(prev.map((r) => ({ ...r, t: r.t + len })), p.step, KEYS, (r) => r);
  const peakOf = (rows: readonly HourRow[], shift: number) => {
    const m = new Map<number, number>();
    for (const r of rows) {
      const s = stepStart(r.t + shift, p.step);
      m.set(s, Math.max(m.get(s) ?? -Infinity, r.peak));
    }
    return m;
  };
  const curPeak = peakOf(cur, 0);
  const prevPeak = peakOf(prev, len);
  const mwh = (v: { loadSum: number } | undefined) => (v ? round((v.loadSum * BUCKET_HOURS) / 1000, 2) : null);
  const asOf = toIso(cur.length && newestMs !== null ? Math.min(newestMs, to) : null);

  // Forecast vs actual: mean system load against the time-of-week baseline.
  const byHour = new Map(hours.map((h) => [h.t, h]));
  const loadBand = timeOfWeekBand(steps, to, p.step, (a, b) => {
    const s = sumHours(byHour, ['loadSum', 'buckets'] as const, a, b);
    return s.buckets ? s.loadSum / s.buckets : null;
  }, 0);

  const breakdown = await db.query<{ id: string; name: string | null; load_sum: number; peak: number }>(
    `select h.scope as id, a.body->>'name' as name, sum(h.load_sum) as load_sum, max(h.peak) as peak
     from kpi_grid_hour h join grid_asset a on a.id = h.scope
     where h.hour >= $1 and h.hour < $2 group by h.scope, a.body->>'name' order by h.scope`,
    [iso(from), iso(to)],
  );
  const charts: KpiChart[] = [
    {
      id: 'energy-consumption',
      title: 'Consumption',
      unit: 'MWh',
      kind: 'line',
      x: 't',
      series: [
        { key: 'mwh', label: 'This period', role: 'actual' },
        { key: 'mwhPrevious', label: 'Previous period', role: 'previous' },
      ],
      rows: steps.map((t) => ({ t: iso(t), mwh: mwh(curSteps.get(t)), mwhPrevious: mwh(prevSteps.get(t)) })),
      asOf,
    },
    {
      id: 'energy-peak',
      title: 'Peak load',
      unit: 'kW',
      kind: 'line',
      x: 't',
      series: [
        { key: 'peak', label: 'This period', role: 'actual' },
        { key: 'peakPrevious', label: 'Previous period', role: 'previous' },
      ],
      rows: steps.map((t) => ({ t: iso(t), peak: round(curPeak.get(t) ?? null, 0), peakPrevious: round(prevPeak.get(t) ?? null, 0) })),
      asOf,
    },
    {
      id: 'energy-load-forecast',
      title: 'Load: forecast vs actual',
      unit: 'kW',
      kind: 'band',
      x: 't',
      series: bandSeries(),
      rows: loadBand,
      asOf,
      note: bandNote,
    },
    {
      id: 'energy-by-substation',
      title: 'By substation',
      unit: 'MWh; kW',
      kind: 'bar',
      x: 'name',
      series: [
        { key: 'mwh', label: 'Consumption (MWh)', role: 'actual' },
        { key: 'peakMw', label: 'Peak load (MW)', role: 'actual' },
      ],
      rows: breakdown.map((r) => ({ name: r.name ?? r.id, mwh: round((Number(r.load_sum) * BUCKET_HOURS) / 1000, 2), peakMw: round(Number(r.peak) / 1000, 2) })),
      asOf,
    },
  ];
  return {
    section: 'energy',
    range: q.range,
    from: iso(from),
    to: iso(to),
    previousFrom: p.previousFrom.toISOString(),
    step: p.step,
    filter,
    filterOptions: substations.map((s) => ({ value: s.id, label: s.name ?? s.id })),
    asOf: toIso(newestMs),
    figures,
    charts,
    missing: [
      'Demand response delivered: no demand-response actions are recorded yet (actions, issue 10).',
    ],
  };
}
