import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gridForecastSchema, mapForecastSchema, modelsListSchema, trainResultSchema } from '@/lib/protocol/forecast';
import { errorOf, modelsPerTest, postJson } from '../test-server';
import { gridHistory } from './synthetic.test-helpers';

const TOKEN = 'test-admin-token-0123456789';
const start = modelsPerTest();

describe('forecasting in the model services', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.MODELS_ADMIN_TOKEN;
    process.env.MODELS_ADMIN_TOKEN = TOKEN;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.MODELS_ADMIN_TOKEN;
    else process.env.MODELS_ADMIN_TOKEN = saved;
  });

  it('refuses a city history whose columns do not hold `steps` values, naming the field, and stores nothing', async () => {
    const { url, store } = await start();
    const [body] = gridHistory();
    body.grid[1].loadKw = body.grid[1].loadKw.slice(1);
    const res = await postJson(`${url}/v1/ingest/city/history`, body);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toMatch(/grid\[1\]\.loadKw/);
    expect(await store.db.query('select 1 from grid_5min')).toHaveLength(0);
  });

  it('refuses to train without the admin bearer token', async () => {
    const { url } = await start();
    const res = await postJson(`${url}/v1/models/grid-load/train`, {});
    expect(res.status).toBe(401);
  });

  it('trains from the stored history, lists the versions with metrics next to the baselines, and serves the best one', async () => {
    const { url } = await start();
    for (const body of gridHistory()) expect((await postJson(`${url}/v1/ingest/city/history`, body)).status).toBe(204);
    const res = await fetch(`${url}/v1/models/grid-load.ridge/train`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ seed: 3 }),
    });
    expect(res.status).toBe(200);
    const trained = trainResultSchema.parse(await res.json());
    expect(trained.trained.map((v) => v.family).sort()).toEqual(['persistence', 'ridge', 'seasonal-mean']);

    const list = modelsListSchema.parse(await (await fetch(`${url}/v1/models`)).json());
    const grid = list.targets.find((t) => t.target === 'grid-load');
    const ridge = grid?.versions.find((v) => v.family === 'ridge');
    expect(ridge?.metrics.map((m) => m.horizonMinutes)).toEqual([60, 360, 1440]);
    expect(ridge?.baselines.persistence).toHaveLength(3);
    expect(grid?.serving).not.toBeNull();

    const f = gridForecastSchema.parse(await (await fetch(`${url}/v1/forecasts/grid/f-s1`)).json());
    expect(f.load.points).toHaveLength(96);
    for (const p of f.load.points) expect(p.p10 <= p.p50 && p.p50 <= p.p90).toBe(true);
    const map = mapForecastSchema.parse(await (await fetch(`${url}/v1/forecasts/map/grid-load?minutes=60`)).json());
    expect(Object.keys(map.items).sort()).toEqual(['f-s0', 'f-s1']);
  }, 60_000);

  it('answers requests promptly while a training run fits its models', async () => {
    const { url } = await start();
    for (const body of gridHistory({ series: 4, days: 10 })) expect((await postJson(`${url}/v1/ingest/city/history`, body)).status).toBe(204);
    let done = false;
    const training = fetch(`${url}/v1/models/grid-load/train`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ seed: 3 }),
    }).finally(() => (done = true));
    const waits: number[] = [];
    while (!done) {
      const t0 = performance.now();
      const res = await fetch(`${url}/v1/models`);
      await res.arrayBuffer();
      if (!done) waits.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await training).status).toBe(200);
    // The probes span the run (the GRU alone fits for seconds) and hardly wait: half answer within
    // 50 ms (a few ms unloaded; with the fit on the event loop it was ~100 ms), none after a second
    // (two shared cores: any process can be descheduled for a moment, so no tighter maximum).
    waits.sort((a, b) => a - b);
    expect(waits.length).toBeGreaterThan(20);
    expect(waits[Math.floor(waits.length / 2)]).toBeLessThan(50);
    expect(waits[waits.length - 1]).toBeLessThan(1000);
  }, 120_000);

  it('says no grid forecast exists before any model is trained', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/v1/forecasts/grid/f-s0`);
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('no-model');
  });

  it('trains the fast models by itself once enough history has landed, so a fresh start serves forecasts', async () => {
    process.env.MODELS_AUTO_TRAIN = 'fast';
    try {
      const { url } = await start();
      expect((await fetch(`${url}/v1/forecasts/map/grid-load?minutes=60`)).status).toBe(404);
      for (const body of gridHistory()) expect((await postJson(`${url}/v1/ingest/city/history`, body)).status).toBe(204);
      const until = Date.now() + 45_000;
      let res = await fetch(`${url}/v1/forecasts/map/grid-load?minutes=60`);
      while (res.status !== 200 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 500));
        res = await fetch(`${url}/v1/forecasts/map/grid-load?minutes=60`);
      }
      expect(res.status).toBe(200);
      expect(Object.keys(mapForecastSchema.parse(await res.json()).items).sort()).toEqual(['f-s0', 'f-s1']);
      const list = modelsListSchema.parse(await (await fetch(`${url}/v1/models`)).json());
      const grid = list.targets.find((t) => t.target === 'grid-load');
      expect(grid?.versions.map((v) => v.family).sort()).toEqual(['persistence', 'ridge', 'seasonal-mean']);
    } finally {
      process.env.MODELS_AUTO_TRAIN = 'off';
    }
  }, 60_000);

  it('serves its OpenAPI document', async () => {
    const { url } = await start();
    const doc = (await (await fetch(`${url}/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/models', '/v1/models/{id}/train', '/v1/forecasts/grid/{id}', '/v1/ingest/city/history']));
  });
});
