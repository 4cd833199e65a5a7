/**
 * KPI reports (issue 11): a month's traffic report for a 2,000-segment city must be ready in
 * under 1 s. Generates a day of 5-minute rows (576,000), rolls it into hourly totals, copies
 * those to 62 days (a month plus the four weeks the forecast baseline reads), then times the
 * day, week and month reports as the model services build them.
 */
import { openPglite } from '../server/store/pglite';
import { Store } from '../server/store/store';
import { generateCity } from '../server/twin/city';
import { trafficReport } from '../server/models/kpi/traffic';
import { rollTraffic } from '../server/models/kpi/traffic-rollup';
import { printFigures, summarise, type Figure } from './report';

const END = Date.parse('2026-11-23T00:00:00Z');
const DAY_MS = 86_400_000;
const DAYS = 62;

export async function benchKpi(): Promise<Figure[]> {
  const store = await Store.open(await openPglite());
  const figures: Figure[] = [];
  try {
    const city = generateCity({ seed: 42, size: 2000 });
    await store.upsertSegments(city.segments);
    const n = city.segments.length;

    let t = performance.now();
    // A daily cycle with two rush hours, different per segment: enough for realistic sums.
    await store.db.query(
      `insert into traffic_5min (segment_id, bucket, speed_kmh, flow_vph, n)
       select s.id, b,
              s.free_flow_kmh * (0.95 - 0.5 * exp(-power((extract(epoch from b)::bigint % 86400 - 28800) / 3600.0, 2))
                                      - 0.45 * exp(-power((extract(epoch from b)::bigint % 86400 - 63000) / 3600.0, 2)) * (0.5 + (abs(hashtext(s.id)) % 100) / 200.0)),
              s.capacity_vph * (0.2 + 0.6 * exp(-power((extract(epoch from b)::bigint % 86400 - 46800) / 18000.0, 2))), 30
       from road_segment s cross join generate_series($1::timestamptz, $2::timestamptz, interval '5 minutes') b`,
      [new Date(END - DAY_MS).toISOString(), new Date(END - 300_000).toISOString()],
    );
    const genMs = performance.now() - t;
    const [{ rows }] = await store.db.query<{ rows: number }>('select count(*)::int as rows from traffic_5min');
    figures.push({ name: 'generated 5-minute rows (one day)', value: rows, unit: 'rows', note: `${n} segments, ${(genMs / 1000).toFixed(1)} s` });

    t = performance.now();
    const pass = await rollTraffic(store.db);
    figures.push({ name: 'hourly rollup of one day', value: performance.now() - t, unit: 'ms', note: `${pass.rolled} hours, ${rows} rows in` });
    t = performance.now();
    await rollTraffic(store.db);
    figures.push({ name: 'rollup pass with nothing new (timer tick)', value: performance.now() - t, unit: 'ms', note: 're-rolls the newest 2 hours' });

    // Copy the rolled day back over the preceding days: the report reads only the hourly table.
    await store.db.query(
      `insert into kpi_traffic_hour (hour, road_class, vkt, vht, vht_free, vkt_congested, rows)
       select hour - d * interval '1 day', road_class, vkt * (1 + 0.02 * (d % 7)), vht * (1 + 0.03 * (d % 7)), vht_free * (1 + 0.02 * (d % 7)), vkt_congested, rows
       from kpi_traffic_hour cross join generate_series(1, ${DAYS - 1}) d`,
    );
    const [{ hours }] = await store.db.query<{ hours: number }>('select count(*)::int as hours from kpi_traffic_hour');
    figures.push({ name: 'hourly rollup rows held', value: hours, unit: 'rows', note: `${DAYS} days × 24 h × road classes; the same month in 5-minute rows would be ${(n * 288 * 30).toLocaleString('en-GB')}` });

    for (const range of ['day', 'week', 'month'] as const) {
      const samples: number[] = [];
      let bytes = 0;
      for (let k = 0; k < 7; k++) {
        const s = performance.now();
        const report = await trafficReport(store.db, { range }, END);
        bytes = JSON.stringify(report).length;
        samples.push(performance.now() - s);
      }
      const sum = summarise(samples.slice(2));
      figures.push({ name: `traffic report, ${range} (median of 5 after 2 warm-ups)`, value: sum.median, unit: 'ms', note: `p95 ${sum.p95.toFixed(1)} ms, ${(bytes / 1024).toFixed(1)} KiB JSON` });
    }
    const s = performance.now();
    await trafficReport(store.db, { range: 'month', filter: 'primary' }, END);
    figures.push({ name: 'traffic report, month, one road class', value: performance.now() - s, unit: 'ms' });
  } finally {
    await store.close();
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchKpi()
    .then((f) => printFigures('KPI reports', f))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
