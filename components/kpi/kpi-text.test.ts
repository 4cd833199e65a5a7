import { createTranslator } from 'use-intl/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadClassLabel, roadClassSchema, type RoadSegment } from '@/lib/domain/road';
import { LOCALES } from '@/lib/i18n/locales';
import { MESSAGES } from '@/lib/i18n/messages';
import { actionKindSchema } from '@/lib/protocol/actuation';
import type { KpiReport } from '@/lib/protocol/kpi';
import { airReport } from '@/server/models/kpi/air';
import { energyReport } from '@/server/models/kpi/energy';
import { trafficReport } from '@/server/models/kpi/traffic';
import { rollTraffic } from '@/server/models/kpi/traffic-rollup';
import { transitReport } from '@/server/models/kpi/transit';
import { saveArrivals } from '@/server/models/transit/arrivals';
import { ActionStore } from '@/server/realtime/actions/action-store';
import { actionsReport } from '@/server/realtime/actions/kpi';
import { Store } from '@/server/store/store';
import { openMemoryPglite } from '@/server/store/test-stores';
import { categoryName, chartKey, chartText, figureKey, filterOptionLabel, missingKey, seriesKey, unitKey, type KpiT } from './kpi-text';

const T0 = Date.parse('2026-03-02T00:00:00Z');
const H = 3_600_000;
const segment = (id: string, roadClass: RoadSegment['roadClass']): RoadSegment => ({
  id,
  name: `Mill Street ${id}`,
  roadClass,
  lanes: 1,
  freeFlowKmh: 50,
  capacityVph: 1600,
  lengthM: 1000,
  path: [
    [8.8, 51.1],
    [8.81, 51.1],
  ],
});

/** Every report the KPI pages can show, built by the services that build them, from a store with a day of each kind of data. */
const reports: KpiReport[] = [];
let store: Store | undefined;

beforeAll(async () => {
  const sql = await openMemoryPglite();
  const s = (store = await Store.open(sql));
  // The actions report reads the web process's own table.
  await ActionStore.open(sql);
  await s.upsertSegments(roadClassSchema.options.map((rc, i) => segment(`s${i}`, rc)));
  const ids = roadClassSchema.options.map((_, i) => `s${i}`);
  await s.insertHistory({ start: new Date(T0), segmentIds: ids, speedKmh: ids.map(() => Array.from({ length: 288 }, () => 30)), flowVph: ids.map(() => Array.from({ length: 288 }, () => 600)) });
  await rollTraffic(s.db);
  await s.db.query(`insert into grid_asset (id, kind, body) values ('ss1', 'substation', '{"name":"North","capacityKw":5000}'), ('f1', 'feeder', '{"name":"F1","substationId":"ss1","capacityKw":900}')`);
  for (let k = 0; k < 288; k++) {
    const t = new Date(T0 + k * 300_000).toISOString();
    await s.db.query(`insert into grid_5min (asset_id, bucket, kind, load_kw, solar_kw, n) values ('ss1', $1, 'substation', 1000, null, 1), ('f1', $1, 'feeder', 1000, 100, 1)`, [t]);
    await s.db.query(`insert into air_5min (station_id, bucket, pm25, no2, o3, pm10, co, n) values ('aq1', $1, $2, 20, 40, 30, 0.3, 1)`, [t, 10 + (k % 120)]);
  }
  await saveArrivals(
    s.db,
    Array.from({ length: 6 }, (_, k) => ({ serviceDate: '20260302', tripId: `t${k}`, stopSequence: 1, stopId: 's1', routeId: 'r1', scheduledMs: T0 + 6 * H + k * 600_000, arrivedMs: T0 + 6 * H + k * 660_000 })),
  );
  const day = { range: 'custom' as const, from: new Date(T0).toISOString(), to: new Date(T0 + 24 * H).toISOString() };
  reports.push(
    await trafficReport(s.db, day, T0),
    await energyReport(s.db, day, T0),
    await airReport(s.db, day, T0, 'us-epa'),
    await airReport(s.db, day, T0, 'cn-hj633'),
    await transitReport(s.db, day, T0),
    // No arrivals and no actions: the reports that say what is missing.
    await transitReport(s.db, { range: 'day' }, T0 - 30 * 24 * H),
    await actionsReport(s.db, day, T0),
  );
});

afterAll(async () => {
  await store?.close();
});

describe.each(LOCALES)('the KPI report in %s', (locale) => {
  const t: KpiT = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'kpi' });

  it('covers every section', () => {
    expect(new Set(reports.map((r) => r.section))).toEqual(new Set(['traffic', 'energy', 'air', 'transit', 'actions']));
  });

  it('has a title for every chart, and a message for every note', () => {
    const lacking = reports.flatMap((r) => r.charts.filter((c) => !chartKey(t, c.id, 'title') || (c.note !== undefined && !chartKey(t, c.id, 'note'))).map((c) => c.id));
    expect(lacking).toEqual([]);
  });

  it('has a label for every series of every chart', () => {
    const lacking = reports.flatMap((r) => r.charts.flatMap((c) => c.series.filter((s) => !seriesKey(t, c, s)).map((s) => `${c.id}.${s.key}`)));
    expect(lacking).toEqual([]);
  });

  it('has a label and a definition for every figure', () => {
    const lacking = reports.flatMap((r) => r.figures.filter((f) => !figureKey(t, r.section, f.key, 'label') || !figureKey(t, r.section, f.key, 'definition')).map((f) => `${r.section}.${f.key}`));
    expect(lacking).toEqual([]);
  });

  it('has a message for every unit of every chart and figure', () => {
    const units = reports.flatMap((r) => [...r.charts.map((c) => c.unit), ...r.figures.map((f) => f.unit)]).filter((u) => u !== '');
    expect(units.filter((u) => !unitKey(t, u))).toEqual([]);
  });

  it('has a message for every note of what is not available yet', () => {
    const missing = reports.flatMap((r) => r.missing);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.filter((m) => !missingKey(t, m))).toEqual([]);
  });

  it('labels the forecast charts being added to energy and air like the traffic one', () => {
    const chart = { id: 'energy-load-forecast', series: ['actual', 'forecast', 'low', 'high'].map((key) => ({ key, label: key, role: 'forecast' as const })) };
    expect(chart.series.filter((s) => !seriesKey(t, chart, s))).toEqual([]);
  });
});

describe('the KPI report in Chinese', () => {
  const t: KpiT = createTranslator({ locale: 'zh-CN', messages: MESSAGES['zh-CN'], namespace: 'kpi' });

  it('leaves no chart title, series label or note in English', () => {
    const english = reports.flatMap((r) =>
      r.charts.flatMap((c) => {
        const text = chartText(t, c);
        return [text.title === c.title ? c.title : null, text.note !== undefined && text.note === c.note ? c.note : null, ...c.series.filter((s) => text.series.get(s.key) === s.label).map((s) => s.label)];
      }),
    );
    expect(english.filter((e) => e !== null)).toEqual([]);
  });

  it('names road classes, AQI categories and action kinds in Chinese on the bar charts', () => {
    const names = reports.flatMap((r) => r.charts.filter((c) => c.id === 'traffic-by-class' || c.id === 'air-hours-category').flatMap((c) => c.rows.map((row) => [c.id, String(row.name)] as const)));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter(([id, name]) => categoryName(t, 'zh-CN', id, name) === name)).toEqual([]);
    expect(actionKindSchema.options.filter((k) => categoryName(t, 'zh-CN', 'actions-by-kind', k) === k)).toEqual([]);
  });

  it('keeps route ids and substation names as they are', () => {
    expect(categoryName(t, 'zh-CN', 'transit-by-route', 'r1')).toBe('r1');
    expect(filterOptionLabel(t, 'energy', { value: 'ss1', label: 'North' })).toBe('North');
  });

  it('translates the road-class filter', () => {
    expect(filterOptionLabel(t, 'traffic', { value: 'primary', label: roadClassLabel.primary })).toBe('主干路');
  });
});
