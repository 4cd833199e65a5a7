import { aqiLabels, aqiLevelOf, computeAqi, realtimeAqiInput, type AqiInput, type TrailingMeans } from '@/lib/domain/aqi';
import { dailyAqiInput } from '@/lib/domain/aqi-daily';
import { resolvePeriod, stepsOf, WHO_PM25_24H_UGM3 } from '@/lib/domain/kpi';
import type { AqiStandard } from '@/lib/protocol/air';
import type { KpiChart, KpiFigure, KpiQuery, KpiReport } from '@/lib/protocol/kpi';
import type { Queryable } from '../../store/sql';
import { BASELINE_WEEKS, bandNote, bandSeries, sumHours, timeOfWeekBand, WEEK_MS } from './baseline';
import { round, toIso } from './series';
import { AirHours } from './air-hours';
import type { StationHours } from './station-hours';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const iso = (t: number) => new Date(t).toISOString();

/** Hourly means of every station in the period read. */
type Hourly = Map<string, StationHours>;

const finite = (input: AqiInput): AqiInput => Object.fromEntries(Object.entries(input).filter(([, v]) => Number.isFinite(v))) as AqiInput;

/** City hourly AQI: the highest station's real-time index (trailing means as each standard's live report). */
function cityHourlyAqi(data: Hourly, standard: AqiStandard, h: number): number | null {
  let best: number | null = null;
  for (const hours of data.values()) {
    if (!hours.has(h)) continue;
    const m: TrailingMeans = { h1: hours.trailing(h, 1), h8: hours.trailing(h, 8), h24: hours.trailing(h, 24) };
    const r = computeAqi(standard, finite(realtimeAqiInput(standard, m)));
    if (r && (best === null || r.aqi > best)) best = r.aqi;
  }
  return best;
}

/** City daily AQI (the highest station's daily report) and the stations' mean PM2.5 of a UTC day. */
function cityDay(data: Hourly, standard: AqiStandard, day: number): { aqi: number | null; pm25: number | null } {
  let aqi: number | null = null;
  const pm: number[] = [];
  for (const hours of data.values()) {
    const day24 = Array.from({ length: 24 }, (_, i) => hours.get(day + i * HOUR_MS));
    const r = computeAqi(standard, dailyAqiInput(standard, day24));
    if (r && (aqi === null || r.aqi > aqi)) aqi = r.aqi;
    const vs = day24.map((h) => h.pm25).filter((v): v is number => typeof v === 'number');
    if (vs.length >= 18) pm.push(vs.reduce((a, b) => a + b, 0) / vs.length);
  }
  return { aqi, pm25: pm.length ? pm.reduce((a, b) => a + b, 0) / pm.length : null };
}

/** The air-quality KPI report of a period (docs/KPI.md#air-quality), from the stations' hourly rollup (rollAir first). */
/**
 * `hours`: where the stations' hourly means come from; the model services keep one for their
 * lifetime so settled hours are read once (air-hours.ts), a fresh one reads everything.
 */
export async function airReport(db: Queryable, q: KpiQuery, now: number, standard: AqiStandard, hours = new AirHours()): Promise<KpiReport> {
  const stations = await db.query<{ id: string; name: string }>('select id, name from air_station order by id');
  const filter = q.filter && stations.some((s) => s.id === q.filter) ? q.filter : null;
  const [newest] = await db.query<{ t: Date | null }>('select max(bucket) as t from air_5min');
  const newestMs = newest?.t ? new Date(newest.t).getTime() : null;
  const p = resolvePeriod(q, newestMs ?? now);
  const from = p.from.getTime();
  const to = p.to.getTime();
  const len = to - from;
  const data = await hours.read(db, Math.floor((from - len) / DAY_MS) * DAY_MS - DAY_MS, to, filter, newestMs);

  const labels = aqiLabels[standard];
  const hoursBy = (a: number, b: number) => {
    const counts = new Array<number>(6).fill(0);
    let n = 0;
    for (let h = a; h < b; h += HOUR_MS) {
      const aqi = cityHourlyAqi(data, standard, h);
      if (aqi === null) continue;
      counts[aqiLevelOf(aqi) - 1]++;
      n++;
    }
    return { counts, n };
  };
  const hc = hoursBy(from, to);
  const hp = hoursBy(from - len, from);

  const daysOf = (a: number, b: number) => {
    const out: { t: number; aqi: number | null; pm25: number | null }[] = [];
    for (let d = Math.floor(a / DAY_MS) * DAY_MS; d < b; d += DAY_MS) out.push({ t: d, ...cityDay(data, standard, d) });
    return out;
  };
  const days = daysOf(from, to);
  const prevDays = daysOf(from - len, from);
  const mean = (vs: (number | null)[]) => {
    const xs = vs.filter((v): v is number => v !== null);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  const max = (vs: (number | null)[]) => {
    const xs = vs.filter((v): v is number => v !== null);
    return xs.length ? Math.max(...xs) : null;
  };
  const over = (ds: { pm25: number | null }[]) => (ds.some((d) => d.pm25 !== null) ? ds.filter((d) => d.pm25 !== null && d.pm25 > WHO_PM25_24H_UGM3).length : null);
  const above = (c: { counts: number[]; n: number }) => (c.n ? c.counts.slice(2).reduce((a, b) => a + b, 0) : null);
  const fig = (key: string, label: string, unit: string, value: number | null, previous: number | null, definition: string, digits = 1): KpiFigure => ({
    key,
    label,
    unit,
    value: round(value, digits),
    previous: round(previous, digits),
    higherIsBetter: false,
    definition,
  });
  const figures: KpiFigure[] = [
    fig('aqi-mean', 'Mean daily AQI', standard === 'us-epa' ? 'AQI (US EPA)' : 'AQI (HJ 633)', mean(days.map((d) => d.aqi)), mean(prevDays.map((d) => d.aqi)), 'Mean over the days of the city daily AQI (the highest station daily index).', 0),
    fig('aqi-max', 'Worst daily AQI', 'AQI', max(days.map((d) => d.aqi)), max(prevDays.map((d) => d.aqi)), 'Highest city daily AQI in the period.', 0),
    fig('hours-unhealthy', `Hours at "${labels[2].en}" or worse`, 'h', above(hc), above(hp), 'Hours whose city hourly AQI (highest station, real-time report) was above 100.', 0),
    fig('pm25-mean', 'PM2.5 daily mean', 'µg/m³', mean(days.map((d) => d.pm25)), mean(prevDays.map((d) => d.pm25)), 'Mean of the stations\u2019 PM2.5 24-hour means (days with ≥ 18 valid hours).'),
    fig('who-days', 'Days above WHO PM2.5 guideline', 'days', over(days), over(prevDays), `Days whose mean PM2.5 exceeded the WHO 2021 24-hour guideline of ${WHO_PM25_24H_UGM3} µg/m³.`, 0),
  ];

  // Forecast vs actual: the stations' mean PM2.5 against the time-of-week baseline, from hourly
  // network means computed in the store (a small series even for a month and its four weeks before).
  const pmRows = await db.query<{ hour: Date; pm25: number }>(
    `select hour, sum(pm25 * rows) / sum(rows) as pm25
     from kpi_air_hour where hour >= $1 and hour < $2 and ($3::text is null or station_id = $3) group by 1`,
    [iso(from - BASELINE_WEEKS * WEEK_MS), iso(to), filter],
  );
  const pmByHour = new Map(pmRows.map((r) => [new Date(r.hour).getTime(), { pm25: Number(r.pm25), n: 1 }]));
  const pmBand = timeOfWeekBand(
    stepsOf(p).map((d) => d.getTime()),
    to,
    p.step,
    (a, b) => {
      const sum = sumHours(pmByHour, ['pm25', 'n'] as const, a, b);
      return sum.n ? sum.pm25 / sum.n : null;
    },
  );

  const asOf = toIso(newestMs !== null && newestMs >= from ? Math.min(newestMs, to) : null);
  const charts: KpiChart[] = [
    {
      id: 'air-aqi-daily',
      title: 'AQI by day',
      unit: standard === 'us-epa' ? 'US EPA AQI' : 'HJ 633 AQI',
      kind: 'line',
      x: 't',
      series: [
        { key: 'aqi', label: 'This period', role: 'actual' },
        { key: 'aqiPrevious', label: 'Previous period', role: 'previous' },
      ],
      rows: days.map((d, i) => ({ t: iso(d.t), aqi: d.aqi, aqiPrevious: prevDays[i]?.aqi ?? null })),
      asOf,
    },
    {
      id: 'air-hours-category',
      title: 'Hours in each AQI category',
      unit: 'h',
      kind: 'bar',
      x: 'name',
      series: [
        { key: 'hours', label: 'This period', role: 'actual' },
        { key: 'hoursPrevious', label: 'Previous period', role: 'previous' },
      ],
      rows: labels.map((l, i) => ({ name: l.en, hours: hc.counts[i], hoursPrevious: hp.counts[i] })),
      asOf,
    },
    {
      id: 'air-pm25-who',
      title: 'PM2.5 daily mean against the WHO guideline',
      unit: 'µg/m³',
      kind: 'line',
      x: 't',
      series: [
        { key: 'pm25', label: 'PM2.5 daily mean', role: 'actual' },
        { key: 'pm25Previous', label: 'Previous period', role: 'previous' },
        { key: 'who', label: `WHO 2021 guideline (${WHO_PM25_24H_UGM3} µg/m³)`, role: 'threshold' },
      ],
      rows: days.map((d, i) => ({ t: iso(d.t), pm25: round(d.pm25, 1), pm25Previous: round(prevDays[i]?.pm25 ?? null, 1), who: WHO_PM25_24H_UGM3 })),
      asOf,
    },
    {
      id: 'air-pm25-forecast',
      title: 'PM2.5: forecast vs actual',
      unit: 'µg/m³',
      kind: 'band',
      x: 't',
      series: bandSeries(),
      rows: pmBand,
      asOf,
      note: bandNote,
    },
  ];
  return {
    section: 'air',
    range: q.range,
    from: iso(from),
    to: iso(to),
    previousFrom: p.previousFrom.toISOString(),
    step: p.step,
    filter,
    filterOptions: stations.map((s) => ({ value: s.id, label: s.name })),
    asOf: toIso(newestMs),
    figures,
    charts,
    missing: [],
  };
}
