import { averageSpeed, congestedShare, congestionIndex, resolvePeriod, stepsOf, travelTimeIndex } from '@/lib/domain/kpi';
import { roadClassLabel, roadClassSchema } from '@/lib/domain/road';
import type { KpiChart, KpiFigure, KpiQuery, KpiReport, KpiTrafficRaw } from '@/lib/protocol/kpi';
import type { Queryable } from '../../store/sql';
import { TRAFFIC_TOTALS_SQL } from './traffic-rollup';
import { BASELINE_WEEKS, bandNote, bandSeries, sumHours, timeOfWeekBand, WEEK_MS } from './baseline';
import { round, sumBySteps, toIso } from './series';


interface HourRow {
  t: number;
  vkt: number;
  vht: number;
  vhtFree: number;
  vktCongested: number;
}
const KEYS = ['vkt', 'vht', 'vhtFree', 'vktCongested'] as const;
const iso = (t: number) => new Date(t).toISOString();

async function hourTotals(db: Queryable, from: number, to: number, filter: string | null): Promise<HourRow[]> {
  const rows = await db.query<{ hour: Date; vkt: number; vht: number; vht_free: number; vkt_congested: number }>(
    `select hour, sum(vkt) as vkt, sum(vht) as vht, sum(vht_free) as vht_free, sum(vkt_congested) as vkt_congested
     from kpi_traffic_hour where hour >= $1 and hour < $2 and ($3::text is null or road_class = $3)
     group by hour order by hour`,
    [iso(from), iso(to), filter],
  );
  return rows.map((r) => ({ t: new Date(r.hour).getTime(), vkt: Number(r.vkt), vht: Number(r.vht), vhtFree: Number(r.vht_free), vktCongested: Number(r.vkt_congested) }));
}

const total = (rows: readonly HourRow[]) => {
  const acc = { vkt: 0, vht: 0, vhtFree: 0, vktCongested: 0 };
  for (const r of rows) for (const k of KEYS) acc[k] += r[k];
  return acc;
};

/** Network totals over [from, to) straight from the 5-minute rows: the check of the rollup. */
export async function trafficRaw(db: Queryable, from: string, to: string, filter: string | null): Promise<KpiTrafficRaw> {
  const [r] = await db.query<{ n: number; vkt: number | null; vht: number | null; vht_free: number | null; vkt_congested: number | null }>(
    `select count(*)::int as n, sum(vkt) as vkt, sum(vht) as vht, sum(vht_free) as vht_free, sum(vkt_congested) as vkt_congested
     from (select ${TRAFFIC_TOTALS_SQL} from traffic_5min t join road_segment s on s.id = t.segment_id
           where t.bucket >= $1 and t.bucket < $2 and ($3::text is null or s.road_class = $3)) x`,
    [from, to, filter],
  );
  return { from, to, rows: r?.n ?? 0, vkt: Number(r?.vkt ?? 0), vht: Number(r?.vht ?? 0), vhtFree: Number(r?.vht_free ?? 0), vktCongested: Number(r?.vkt_congested ?? 0) };
}

/** The traffic KPI report of a period (docs/KPI.md#traffic). */
export async function trafficReport(db: Queryable, q: KpiQuery, now: number): Promise<KpiReport> {
  const filter = q.filter && roadClassSchema.safeParse(q.filter).success ? q.filter : null;
  const [newest] = await db.query<{ t: Date | null }>('select max(bucket) as t from traffic_5min');
  const newestMs = newest?.t ? new Date(newest.t).getTime() : null;
  const p = resolvePeriod(q, newestMs ?? now);
  const from = p.from.getTime();
  const to = p.to.getTime();
  const len = to - from;
  const hours = await hourTotals(db, Math.min(p.previousFrom.getTime(), from - BASELINE_WEEKS * WEEK_MS), to, filter);
  const cur = hours.filter((h) => h.t >= from);
  const prev = hours.filter((h) => h.t >= from - len && h.t < from);
  const [c, pv] = [total(cur), total(prev)];

  const [inc] = await db.query<{ n: number; mean_s: number | null }>(
    `select count(*)::int as n, avg(extract(epoch from (i.valid_to - i.valid_from))) as mean_s
     from incident i left join road_segment s on s.id = i.segment_id
     where i.valid_to >= $1 and i.valid_to < $2 and ($3::text is null or s.road_class = $3)`,
    [iso(from), iso(to), filter],
  );
  const [incPrev] = await db.query<{ mean_s: number | null }>(
    `select avg(extract(epoch from (i.valid_to - i.valid_from))) as mean_s
     from incident i left join road_segment s on s.id = i.segment_id
     where i.valid_to >= $1 and i.valid_to < $2 and ($3::text is null or s.road_class = $3)`,
    [iso(from - len), iso(from), filter],
  );
  const minutes = (s: number | null | undefined) => (s === null || s === undefined ? null : Number(s) / 60);

  const fig = (key: string, label: string, unit: string, value: number | null, previous: number | null, higherIsBetter: boolean | null, definition: string, digits = 3): KpiFigure => ({
    key,
    label,
    unit,
    value: round(value, digits),
    previous: round(previous, digits),
    higherIsBetter,
    definition,
  });
  const pct = (v: number | null) => (v === null ? null : v * 100);
  const figures: KpiFigure[] = [
    fig('tti', 'Travel time index', '', travelTimeIndex(c.vht, c.vhtFree), travelTimeIndex(pv.vht, pv.vhtFree), false, 'Vehicle-hours travelled over vehicle-hours at free-flow speed (1.0 = free flow).'),
    fig('congestion-index', 'Congestion index', '%', pct(congestionIndex(c.vht, c.vhtFree)), pct(congestionIndex(pv.vht, pv.vhtFree)), false, 'Extra travel time over free flow, in per cent (travel time index − 1).', 1),
    fig('congested-vkt', 'Vehicle-km in congestion', '%', pct(congestedShare(c.vktCongested, c.vkt)), pct(congestedShare(pv.vktCongested, pv.vkt)), false, 'Share of vehicle-km driven below 50 % of free-flow speed.', 1),
    fig('speed', 'Average network speed', 'km/h', averageSpeed(c.vkt, c.vht), averageSpeed(pv.vkt, pv.vht), true, 'Space-mean speed: vehicle-km over vehicle-hours.', 1),
    fig('vkt', 'Vehicle-km travelled', 'veh·km', cur.length ? c.vkt : null, prev.length ? pv.vkt : null, null, 'Sum of flow × 5 min × segment length over the period.', 0),
    fig('clearance', 'Incident clearance time', 'min', minutes(inc?.mean_s), minutes(incPrev?.mean_s), false, `Mean time from an incident's start to its end, over incidents ended in the period (${inc?.n ?? 0}).`, 1),
  ];

  // Time series: this period with the previous one aligned beside it.
  const steps = stepsOf(p).map((d) => d.getTime());
  const curSteps = sumBySteps(cur, p.step, KEYS, (r) => r);
  const prevSteps = sumBySteps(prev.map((r) => ({ ...r, t: r.t + len })), p.step, KEYS, (r) => r);
  const speedRows = steps.map((t) => {
    const a = curSteps.get(t);
    const b = prevSteps.get(t);
    return {
      t: iso(t),
      tti: a ? round(travelTimeIndex(a.vht, a.vhtFree)) : null,
      ttiPrevious: b ? round(travelTimeIndex(b.vht, b.vhtFree)) : null,
      congested: a ? round(pct(congestedShare(a.vktCongested, a.vkt)), 1) : null,
      congestedPrevious: b ? round(pct(congestedShare(b.vktCongested, b.vkt)), 1) : null,
    };
  });

  // Forecast vs actual: the time-of-week baseline against the measured network speed.
  const byHour = new Map(hours.map((h) => [h.t, h]));
  const baselineRows = timeOfWeekBand(steps, to, p.step, (a, b) => {
    const s = sumHours(byHour, KEYS, a, b);
    return s.hours ? averageSpeed(s.vkt, s.vht) : null;
  });

  const classes = await db.query<{ road_class: string; vkt: number; vht: number; vht_free: number; vkt_congested: number }>(
    `select road_class, sum(vkt) as vkt, sum(vht) as vht, sum(vht_free) as vht_free, sum(vkt_congested) as vkt_congested
     from kpi_traffic_hour where hour >= $1 and hour < $2 group by road_class order by road_class`,
    [iso(from), iso(to)],
  );
  const label = (rc: string) => {
    const r = roadClassSchema.safeParse(rc);
    return r.success ? roadClassLabel[r.data] : rc;
  };
  const breakdownRows = classes.map((r) => ({
    name: label(r.road_class),
    tti: round(travelTimeIndex(Number(r.vht), Number(r.vht_free))),
    speed: round(averageSpeed(Number(r.vkt), Number(r.vht)), 1),
    congested: round(pct(congestedShare(Number(r.vkt_congested), Number(r.vkt))), 1),
  }));

  const asOf = toIso(cur.length ? Math.min(newestMs ?? 0, to) : null);
  const charts: KpiChart[] = [
    {
      id: 'traffic-tti',
      title: 'Travel time index',
      unit: 'ratio (1.0 = free flow)',
      kind: 'line',
      x: 't',
      series: [
        { key: 'tti', label: 'This period', role: 'actual' },
        { key: 'ttiPrevious', label: 'Previous period', role: 'previous' },
      ],
      rows: speedRows.map((r) => ({ t: r.t, tti: r.tti, ttiPrevious: r.ttiPrevious })),
      asOf,
    },
    {
      id: 'traffic-congested',
      title: 'Vehicle-km in congestion',
      unit: '%',
      kind: 'line',
      x: 't',
      series: [
        { key: 'congested', label: 'This period', role: 'actual' },
        { key: 'congestedPrevious', label: 'Previous period', role: 'previous' },
      ],
      rows: speedRows.map((r) => ({ t: r.t, congested: r.congested, congestedPrevious: r.congestedPrevious })),
      asOf,
    },
    {
      id: 'traffic-speed-forecast',
      title: 'Network speed: forecast vs actual',
      unit: 'km/h',
      kind: 'band',
      x: 't',
      series: bandSeries(),
      rows: baselineRows,
      asOf,
      note: bandNote,
    },
    {
      id: 'traffic-by-class',
      title: 'By road class',
      unit: 'travel time index; km/h; %',
      kind: 'bar',
      x: 'name',
      series: [
        { key: 'tti', label: 'Travel time index', role: 'actual' },
        { key: 'speed', label: 'Speed (km/h)', role: 'actual' },
        { key: 'congested', label: 'Vehicle-km in congestion (%)', role: 'actual' },
      ],
      rows: breakdownRows,
      asOf,
    },
  ];
  return {
    section: 'traffic',
    range: q.range,
    from: iso(from),
    to: iso(to),
    previousFrom: p.previousFrom.toISOString(),
    step: p.step,
    filter,
    filterOptions: roadClassSchema.options.map((rc) => ({ value: rc, label: roadClassLabel[rc] })),
    asOf: toIso(newestMs),
    figures,
    charts,
    missing: [],
  };
}
