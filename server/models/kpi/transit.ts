import { resolvePeriod, stepsOf } from '@/lib/domain/kpi';
import type { KpiChart, KpiFigure, KpiQuery, KpiReport, KpiTransitRaw } from '@/lib/protocol/kpi';
import type { Queryable } from '../../store/sql';
import { round, sumBySteps, toIso } from './series';

const iso = (t: number) => new Date(t).toISOString();

/** On time: arriving from 1 min early to 5 min late (the common US definition, e.g. TCQSM 3rd ed. §5). */
export const ON_TIME_EARLY_S = 60;
export const ON_TIME_LATE_S = 300;
/** Successive arrivals further apart than this in the timetable are different services (overnight), not a headway. */
const MAX_HEADWAY_S = 2 * 3600;

interface HourRow {
  t: number;
  arrivals: number;
  onTime: number;
  delaySum: number;
}
const KEYS = ['arrivals', 'onTime', 'delaySum'] as const;

/** Hourly counts of observed arrivals in [from, to): how many, how many on time, the sum of delays (s). */
async function hourTotals(db: Queryable, from: number, to: number, route: string | null): Promise<HourRow[]> {
  const rows = await db.query<{ hour: Date; n: number; on_time: number; delay_sum: number }>(
    `select to_timestamp(floor(extract(epoch from arrived_at) / 3600) * 3600) as hour, count(*)::int as n,
            count(*) filter (where extract(epoch from arrived_at - scheduled_at) between -$4::int and $5::int)::int as on_time,
            sum(extract(epoch from arrived_at - scheduled_at))::double precision as delay_sum
     from transit_arrival
     where arrived_at >= $1 and arrived_at < $2 and ($3::text is null or route_id = $3)
     group by 1 order by 1`,
    [iso(from), iso(to), route, ON_TIME_EARLY_S, ON_TIME_LATE_S],
  );
  return rows.map((r) => ({ t: new Date(r.hour).getTime(), arrivals: r.n, onTime: r.on_time, delaySum: Number(r.delay_sum) }));
}

interface RouteRow {
  route: string;
  arrivals: number;
  onTime: number;
  delaySum: number;
  headways: number;
  cv: number | null;
}

/**
 * Per route over [from, to): arrivals, on-time count, delay sum, and headway regularity as in
 * TCQSM: the coefficient of variation of headway deviations, σ(actual − scheduled headway) / mean
 * scheduled headway, over successive arrivals at the same stop.
 */
async function byRoute(db: Queryable, from: number, to: number, route: string | null): Promise<RouteRow[]> {
  const rows = await db.query<{ route_id: string; n: number; on_time: number; delay_sum: number; headways: number; cv: number | null }>(
    `with a as (
       select route_id, arrived_at, scheduled_at,
              extract(epoch from arrived_at - lag(arrived_at) over w)::double precision as h_act,
              extract(epoch from scheduled_at - lag(scheduled_at) over w)::double precision as h_sched
       from transit_arrival
       where arrived_at >= $1 and arrived_at < $2 and ($3::text is null or route_id = $3)
       window w as (partition by route_id, stop_id order by scheduled_at)),
     h as (
       select route_id, count(*)::int as headways, stddev_pop(h_act - h_sched) / nullif(avg(h_sched), 0) as cv
       from a where h_sched > 0 and h_sched <= $6 group by route_id),
     t as (
       select route_id, count(*)::int as n,
              count(*) filter (where extract(epoch from arrived_at - scheduled_at) between -$4::int and $5::int)::int as on_time,
              sum(extract(epoch from arrived_at - scheduled_at))::double precision as delay_sum
       from a group by route_id)
     select t.route_id, t.n, t.on_time, t.delay_sum, coalesce(h.headways, 0) as headways, h.cv
     from t left join h on h.route_id = t.route_id order by t.route_id`,
    [iso(from), iso(to), route, ON_TIME_EARLY_S, ON_TIME_LATE_S, MAX_HEADWAY_S],
  );
  return rows.map((r) => ({
    route: r.route_id,
    arrivals: r.n,
    onTime: r.on_time,
    delaySum: Number(r.delay_sum),
    headways: Number(r.headways),
    cv: r.cv === null ? null : Number(r.cv),
  }));
}

const otp = (v: { arrivals: number; onTime: number } | undefined) => (v && v.arrivals ? (v.onTime / v.arrivals) * 100 : null);
const delayMin = (v: { arrivals: number; delaySum: number } | undefined) => (v && v.arrivals ? v.delaySum / v.arrivals / 60 : null);

function totals(rows: readonly HourRow[], routes: readonly RouteRow[]) {
  const acc = { arrivals: 0, onTime: 0, delaySum: 0 };
  for (const r of rows) {
    acc.arrivals += r.arrivals;
    acc.onTime += r.onTime;
    acc.delaySum += r.delaySum;
  }
  // The network's regularity: the routes' values weighted by their number of headways.
  let w = 0;
  let cvSum = 0;
  for (const r of routes)
    if (r.cv !== null && r.headways > 0) {
      w += r.headways;
      cvSum += r.cv * r.headways;
    }
  return { arrivals: acc.arrivals, otp: otp(acc), delay: delayMin(acc), cv: w ? cvSum / w : null };
}

/** Arrivals, on-time count and delay sum over [from, to) in one plain count, with no hourly grouping: to check the report. */
export async function transitRaw(db: Queryable, from: string, to: string, route: string | null): Promise<KpiTransitRaw> {
  const [r] = await db.query<{ n: number; on_time: number; delay_sum: number | null }>(
    `select count(*)::int as n,
            count(*) filter (where arrived_at - scheduled_at between make_interval(secs => -$4::int) and make_interval(secs => $5::int))::int as on_time,
            sum(extract(epoch from arrived_at - scheduled_at))::double precision as delay_sum
     from transit_arrival where arrived_at >= $1 and arrived_at < $2 and ($3::text is null or route_id = $3)`,
    [from, to, route, ON_TIME_EARLY_S, ON_TIME_LATE_S],
  );
  return { from, to, arrivals: r?.n ?? 0, onTime: r?.on_time ?? 0, delaySumS: Number(r?.delay_sum ?? 0) };
}

/** The transit KPI report of a period (docs/KPI.md#transit), from the observed stop arrivals. */
export async function transitReport(db: Queryable, q: KpiQuery, now: number): Promise<KpiReport> {
  const routes = await db.query<{ route_id: string }>('select distinct route_id from transit_arrival order by route_id');
  const filter = q.filter && routes.some((r) => r.route_id === q.filter) ? q.filter : null;
  const [newest] = await db.query<{ t: Date | null }>('select max(arrived_at) as t from transit_arrival');
  const newestMs = newest?.t ? new Date(newest.t).getTime() : null;
  // +1 ms: an arrival exactly on the hour still falls in the period that ends after it.
  const p = resolvePeriod(q, newestMs !== null ? newestMs + 1 : now);
  const from = p.from.getTime();
  const to = p.to.getTime();
  const len = to - from;
  const [hours, curRoutes, prevRoutes] = await Promise.all([hourTotals(db, from - len, to, filter), byRoute(db, from, to, filter), byRoute(db, from - len, from, filter)]);
  const cur = hours.filter((h) => h.t >= from);
  const prev = hours.filter((h) => h.t < from);
  const c = totals(cur, curRoutes);
  const pv = totals(prev, prevRoutes);
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
    fig('on-time', 'On-time performance', '%', c.otp, pv.otp, true, 'Share of observed stop arrivals from 1 min early to 5 min late against the timetable.'),
    fig('delay', 'Average delay', 'min', c.delay, pv.delay, false, 'Mean of (observed − scheduled arrival) over observed stop arrivals; early arrivals count negative.', 2),
    fig('headway-cv', 'Headway regularity', 'cv', c.cv, pv.cv, false, 'Coefficient of variation of headway deviations (TCQSM): σ(actual − scheduled headway) / mean scheduled headway; 0 is perfectly regular.', 2),
    fig('arrivals', 'Observed arrivals', 'arrivals', c.arrivals, pv.arrivals, null, 'Stop arrivals recorded from the GTFS-Realtime vehicle positions.', 0),
  ];

  const steps = stepsOf(p).map((d) => d.getTime());
  const curSteps = sumBySteps(cur, p.step, KEYS, (r) => r);
  const prevSteps = sumBySteps(prev.map((r) => ({ ...r, t: r.t + len })), p.step, KEYS, (r) => r);
  const asOf = toIso(cur.length && newestMs !== null ? Math.min(newestMs, to) : null);
  const charts: KpiChart[] = [
    {
      id: 'transit-on-time',
      title: 'On-time performance',
      unit: '%',
      kind: 'line',
      x: 't',
      series: [
        { key: 'onTime', label: 'This period', role: 'actual' },
        { key: 'onTimePrevious', label: 'Previous period', role: 'previous' },
      ],
      rows: steps.map((t) => ({ t: iso(t), onTime: round(otp(curSteps.get(t)), 1), onTimePrevious: round(otp(prevSteps.get(t)), 1) })),
      asOf,
    },
    {
      id: 'transit-delay',
      title: 'Average delay',
      unit: 'min',
      kind: 'line',
      x: 't',
      series: [
        { key: 'delay', label: 'This period', role: 'actual' },
        { key: 'delayPrevious', label: 'Previous period', role: 'previous' },
      ],
      rows: steps.map((t) => ({ t: iso(t), delay: round(delayMin(curSteps.get(t)), 2), delayPrevious: round(delayMin(prevSteps.get(t)), 2) })),
      asOf,
    },
    {
      id: 'transit-by-route',
      title: 'By route',
      unit: '%; min; cv',
      kind: 'bar',
      x: 'name',
      series: [
        { key: 'onTime', label: 'On time (%)', role: 'actual' },
        { key: 'delay', label: 'Average delay (min)', role: 'actual' },
        { key: 'headwayCv', label: 'Headway cv', role: 'actual' },
      ],
      rows: curRoutes.map((r) => ({ name: r.route, onTime: round(otp(r), 1), delay: round(delayMin(r), 2), headwayCv: round(r.cv, 2) })),
      asOf,
    },
  ];
  return {
    section: 'transit',
    range: q.range,
    from: iso(from),
    to: iso(to),
    previousFrom: p.previousFrom.toISOString(),
    step: p.step,
    filter,
    filterOptions: routes.map((r) => ({ value: r.route_id, label: r.route_id })),
    asOf: toIso(newestMs),
    figures,
    charts,
    missing: newestMs === null ? ['No stop arrivals observed yet: they are recorded from the GTFS-Realtime vehicle positions as buses stop.'] : [],
  };
}
