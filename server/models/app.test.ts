import { describe, expect, it } from 'vitest';
import { basemapSchema } from '@/lib/protocol/basemap';
import { healthSchema, segmentForecastSchema, segmentHistorySchema, trafficStateSchema } from '@/lib/protocol/models-api';
import { errorOf, flowEntity, postJson, roadSegmentEntity, modelsPerTest } from './test-server';

const start = modelsPerTest();

const error = errorOf;

describe('the model services', () => {
  it('report their health with the store they use', async () => {
    const { url } = await start();
    const health = healthSchema.parse(await (await fetch(`${url}/health`)).json());
    expect(health).toEqual({ status: 'ok', store: 'pglite', segments: 0, lastObservationAt: null, historyFrom: null, historyUntil: null });
  });

  it('serve an upserted observation as the current traffic state', async () => {
    const { url } = await start();
    const res = await postJson(`${url}/ngsi-ld/v1/entityOperations/upsert`, [
      roadSegmentEntity('s00001'),
      flowEntity('s00001', '2026-11-23T08:00:00.000Z', 42),
    ]);
    expect(res.status).toBe(204);
    const state = trafficStateSchema.parse(await (await fetch(`${url}/v1/state/traffic`)).json());
    expect(state.source).toBe('test');
    expect(state.asOf).toBe('2026-11-23T08:00:00.000Z');
    // 2 vehicles in 10 s is 720 vehicles per hour.
    expect(state.items.s00001).toEqual({ speedKmh: 42, flowVph: 720, occupancy: 0.1, observedAt: '2026-11-23T08:00:00.000Z' });
  });

  it('reject a batch with one bad entity, naming its field, and apply none of it', async () => {
    const { url } = await start();
    const res = await postJson(`${url}/ngsi-ld/v1/entityOperations/upsert`, [
      roadSegmentEntity('s00001'),
      flowEntity('s00001', '2026-11-23T08:00:00.000Z', 900),
    ]);
    expect(res.status).toBe(400);
    const err = await error(res);
    expect(err.message).toContain('[1].averageVehicleSpeed');
    expect(err.issues?.[0].path).toBe('[1].averageVehicleSpeed');
    const health = healthSchema.parse(await (await fetch(`${url}/health`)).json());
    expect(health.segments).toBe(0);
  });

  it('reject observations of a road segment nobody registered', async () => {
    const { url } = await start();
    const res = await postJson(`${url}/ngsi-ld/v1/entityOperations/upsert`, [flowEntity('s09999', '2026-11-23T08:00:00.000Z', 30)]);
    expect(res.status).toBe(400);
    expect((await error(res)).issues?.[0].path).toBe('[0].refRoadSegment');
  });

  it('keep the newer reading when an older observation arrives late', async () => {
    const { url } = await start();
    await postJson(`${url}/ngsi-ld/v1/entityOperations/upsert`, [roadSegmentEntity('s00001'), flowEntity('s00001', '2026-11-23T08:00:10.000Z', 40)]);
    await postJson(`${url}/ngsi-ld/v1/entityOperations/upsert`, [flowEntity('s00001', '2026-11-23T08:00:00.000Z', 10)]);
    const state = trafficStateSchema.parse(await (await fetch(`${url}/v1/state/traffic`)).json());
    expect(state.items.s00001.speedKmh).toBe(40);
  });

  it('answer a body that is not JSON with invalid-json', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/ngsi-ld/v1/entityOperations/upsert`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[{' });
    expect(res.status).toBe(400);
    expect((await error(res)).code).toBe('invalid-json');
  });

  it('refuse a body that is not declared as JSON', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/ngsi-ld/v1/entityOperations/upsert`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '[]' });
    expect(res.status).toBe(415);
  });

  it('answer unknown routes with 404 and wrong methods with 405', async () => {
    const { url } = await start();
    expect((await fetch(`${url}/v1/nothing`)).status).toBe(404);
    expect((await fetch(`${url}/v1/state/traffic`, { method: 'DELETE' })).status).toBe(405);
  });

  it('keep the city basemap and refuse an invalid one', async () => {
    const { url } = await start();
    expect((await fetch(`${url}/v1/city/basemap`)).status).toBe(404);
    const basemap = {
      type: 'FeatureCollection',
      name: 'Polis',
      center: [8.8, 51.1],
      bbox: [8.7, 51.0, 8.9, 51.2],
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [8.8, 51.1] }, properties: { kind: 'city', name: 'Polis' } }],
    };
    expect((await postJson(`${url}/v1/city/basemap`, basemap, 'PUT')).status).toBe(204);
    expect(basemapSchema.parse(await (await fetch(`${url}/v1/city/basemap`)).json())).toEqual(basemap);
    const bad = await postJson(`${url}/v1/city/basemap`, { ...basemap, center: [500, 0] }, 'PUT');
    expect(bad.status).toBe(400);
    expect((await error(bad)).issues?.[0].path).toBe('center[0]');
  });

  it('serve the last two hours of a backfilled history in 5-minute points', async () => {
    const { url } = await start();
    await postJson(`${url}/ngsi-ld/v1/entityOperations/upsert`, [roadSegmentEntity('s00001'), flowEntity('s00001', '2026-11-23T08:00:00.000Z', 42)]);
    const steps = 36;
    const res = await postJson(`${url}/v1/ingest/traffic/history`, {
      start: '2026-11-23T05:00:00.000Z',
      stepSeconds: 300,
      segmentIds: ['s00001'],
      speedKmh: [Array.from({ length: steps }, (_, k) => 20 + k)],
      flowVph: [Array.from({ length: steps }, () => 500)],
    });
    expect(res.status).toBe(204);
    const h = segmentHistorySchema.parse(await (await fetch(`${url}/v1/segments/s00001/history?minutes=120`)).json());
    expect(h.from).toBe('2026-11-23T06:00:00.000Z');
    expect(h.points[0]).toEqual({ t: '2026-11-23T06:00:00.000Z', speedKmh: 32, flowVph: 500 });
    // 06:00 … 07:55 from the backfill, then 08:00 from the live observation.
    expect(h.points).toHaveLength(25);
    expect(h.points.at(-1)).toEqual({ t: '2026-11-23T08:00:00.000Z', speedKmh: 42, flowVph: 720 });
  });

  it('refuse a history query with a bad minutes parameter, naming it', async () => {
    const { url } = await start();
    await postJson(`${url}/ngsi-ld/v1/entityOperations/upsert`, [roadSegmentEntity('s00001')]);
    const res = await fetch(`${url}/v1/segments/s00001/history?minutes=abc`);
    expect(res.status).toBe(400);
    expect((await error(res)).issues?.[0].path).toBe('minutes');
  });

  it('refuse history for a segment id it does not know', async () => {
    const { url } = await start();
    const res = await postJson(`${url}/v1/ingest/traffic/history`, {
      start: '2026-11-23T05:00:00.000Z',
      stepSeconds: 300,
      segmentIds: ['s00042'],
      speedKmh: [[30]],
      flowVph: [[300]],
    });
    expect(res.status).toBe(400);
    expect((await error(res)).issues?.[0].path).toBe('segmentIds[0]');
  });

  it('forecast the next hour from the time-of-week profile, starting at the current speed', async () => {
    const { url } = await start();
    await postJson(`${url}/ngsi-ld/v1/entityOperations/upsert`, [roadSegmentEntity('s00001')]);
    // Two weeks of a profile that dips to 15 km/h from 08:00 to 09:00 and is 45 km/h otherwise.
    const steps = 2016;
    for (const start of ['2026-11-02T00:00:00.000Z', '2026-11-09T00:00:00.000Z']) {
      const speeds = Array.from({ length: steps }, (_, k) => ((k % 288) >= 96 && (k % 288) < 108 ? 15 : 45));
      await postJson(`${url}/v1/ingest/traffic/history`, { start, stepSeconds: 300, segmentIds: ['s00001'], speedKmh: [speeds], flowVph: [speeds.map(() => 400)] });
    }
    await postJson(`${url}/ngsi-ld/v1/entityOperations/upsert`, [flowEntity('s00001', '2026-11-16T07:30:00.000Z', 44)]);
    const f = segmentForecastSchema.parse(await (await fetch(`${url}/v1/forecasts/traffic/s00001?minutes=60`)).json());
    expect(f.model.id).toBe('traffic-ha-tow');
    expect(f.points).toHaveLength(12);
    expect(f.points[0].t).toBe('2026-11-16T07:35:00.000Z');
    for (const p of f.points) expect(p.p10 <= p.p50 && p.p50 <= p.p90).toBe(true);
    expect(f.points[0].p50).toBeGreaterThan(40);
    // 08:15 is inside the usual dip.
    expect(f.points.find((p) => p.t === '2026-11-16T08:15:00.000Z')?.p50).toBeLessThan(25);
  });

  it('answer a forecast for an unknown segment with 404', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/v1/forecasts/traffic/s00077`);
    expect(res.status).toBe(404);
    expect((await error(res)).code).toBe('unknown-segment');
  });
});
