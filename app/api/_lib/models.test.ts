import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as forecast } from '../segments/[id]/forecast/route';
import { GET as history } from '../segments/[id]/history/route';
import { GET as network } from '../network/route';

// A real HTTP server standing in for the model services, answering like their documented API.
const segment = {
  id: 's1',
  name: 'Linden Street',
  roadClass: 'secondary',
  lanes: 2,
  freeFlowKmh: 50,
  capacityVph: 1800,
  lengthM: 420,
  path: [
    [11.5, 48.1],
    [11.51, 48.1],
  ],
};
const iso = '2026-11-23T08:00:00.000Z';
let server: Server;
let requested: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/network') return res.end(JSON.stringify({ segments: [segment] }));
    if (req.url?.startsWith('/v1/segments/s1/history'))
      return res.end(JSON.stringify({ segmentId: 's1', from: iso, to: iso, points: [{ t: iso, speedKmh: 40, flowVph: 500 }] }));
    if (req.url?.startsWith('/v1/forecasts/traffic/s1')) return res.end(JSON.stringify({ segmentId: 's1', points: 'nonsense' }));
    res.statusCode = 404;
    res.end(JSON.stringify({ error: { code: 'not-found', message: 'no segment with that id' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.MODELS_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.MODELS_URL;
  await new Promise((resolve) => server.close(resolve));
});

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const req = (path: string) => new Request(`http://localhost${path}`);

describe('the API route handlers', () => {
  it('pass a valid network from the model services through', async () => {
    const res = await network();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ segments: [segment] });
  });

  it('ask the model services for the history minutes requested', async () => {
    requested = [];
    const res = await history(req('/api/segments/s1/history?minutes=60'), ctx('s1'));
    expect(res.status).toBe(200);
    expect(requested).toEqual(['/v1/segments/s1/history?minutes=60']);
  });

  it('default to two hours of history', async () => {
    requested = [];
    await history(req('/api/segments/s1/history'), ctx('s1'));
    expect(requested).toEqual(['/v1/segments/s1/history?minutes=120']);
  });

  it('answer 400 naming minutes when it is not a number', async () => {
    const res = await history(req('/api/segments/s1/history?minutes=lots'), ctx('s1'));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('bad-request');
    expect(body.error.issues.map((i) => i.path)).toEqual(['minutes']);
  });

  it('answer 400 naming id when it is not a segment id', async () => {
    const res = await forecast(req('/api/segments/x/forecast'), ctx('no spaces/allowed'));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; issues: { path: string }[] } };
    expect(body.error.issues[0].path).toBe('id');
    expect(body.error.message).toMatch(/id/);
  });

  it('pass the model services’ 404 for an unknown segment through', async () => {
    const res = await history(req('/api/segments/zz/history'), ctx('zz'));
    expect(res.status).toBe(404);
  });

  it('answer 502 when the model services send an invalid body', async () => {
    const res = await forecast(req('/api/segments/s1/forecast'), ctx('s1'));
    expect(res.status).toBe(502);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe('models-invalid-response');
  });

  it('answer 502 with a clear error when the model services are unreachable', async () => {
    const url = process.env.MODELS_URL;
    process.env.MODELS_URL = 'http://127.0.0.1:9';
    try {
      const res = await network();
      expect(res.status).toBe(502);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('models-unreachable');
      expect(body.error.message).toMatch(/model services unreachable/);
    } finally {
      process.env.MODELS_URL = url;
    }
  });
});
