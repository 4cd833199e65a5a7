import { afterEach, describe, expect, it } from 'vitest';
import { gridForecastSchema, modelsListSchema } from '@/lib/protocol/forecast';
import { postJson, startTestModels } from '@/server/models/test-server';
import { gridHistory } from '@/server/models/ml/synthetic.test-helpers';
import { GET as airForecast } from './air/[id]/forecast/route';
import { GET as gridForecast } from './grid/[id]/forecast/route';
import { GET as models } from './models/route';

const TOKEN = 'test-admin-token-0123456789';
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const req = (path: string) => new Request(`http://localhost${path}`);

/** Real model services with a grid-load model trained on six days of synthetic feeder loads. */
async function trainedModels() {
  const models = await startTestModels();
  for (const body of gridHistory()) expect((await postJson(`${models.url}/v1/ingest/city/history`, body)).status).toBe(204);
  const res = await fetch(`${models.url}/v1/models/grid-load.ridge/train`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ seed: 3 }),
  });
  expect(res.status).toBe(200);
  process.env.MODELS_URL = models.url;
  return models;
}

let running: Awaited<ReturnType<typeof startTestModels>> | null = null;
let savedToken: string | undefined;
afterEach(async () => {
  delete process.env.MODELS_URL;
  if (savedToken === undefined) delete process.env.MODELS_ADMIN_TOKEN;
  else process.env.MODELS_ADMIN_TOKEN = savedToken;
  await running?.stop();
  running = null;
});

async function start() {
  savedToken = process.env.MODELS_ADMIN_TOKEN;
  process.env.MODELS_ADMIN_TOKEN = TOKEN;
  running = await trainedModels();
}

describe('the forecast and model-registry API routes', () => {
  it('answer a feeder’s 24-hour load forecast with its band, model and accuracy', async () => {
    await start();
    const res = await gridForecast(req('/api/grid/f-s1/forecast'), ctx('f-s1'));
    expect(res.status).toBe(200);
    const body = gridForecastSchema.parse(await res.json());
    expect(body.load.points).toHaveLength(96);
    expect(body.load.model.id).toMatch(/^grid-load\./);
    expect(body.load.accuracy.length).toBeGreaterThan(0);
  }, 60_000);

  it('pass the model services’ 404 through for a feeder they do not know', async () => {
    await start();
    const res = await gridForecast(req('/api/grid/f-nope/forecast'), ctx('f-nope'));
    expect(res.status).toBe(404);
  }, 60_000);

  it('refuse an asset id that is not one, naming the field, without asking the model services', async () => {
    const res = await gridForecast(req('/api/grid/x/forecast'), ctx('bad id!'));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/id/);
  });

  it('say an air forecast is missing when no air model is trained', async () => {
    await start();
    const res = await airForecast(req('/api/air/st-1/forecast'), ctx('st-1'));
    expect(res.status).toBe(404);
  }, 60_000);

  it('list the registry with the serving grid-load version', async () => {
    await start();
    const res = await models();
    expect(res.status).toBe(200);
    const list = modelsListSchema.parse(await res.json());
    expect(list.targets.find((t) => t.target === 'grid-load')?.serving).not.toBeNull();
  }, 60_000);
});
