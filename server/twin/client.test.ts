import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entity } from '@/lib/protocol/ngsi';
import { generateCity } from './city';
import { ModelsClient } from './client';
import { roadSegmentEntities } from './ngsi';

/** A stand-in for the model services on a loopback port: records what arrives, answers as told. */
interface Received {
  method: string;
  url: string;
  body: unknown;
}
type Answer = (req: Received) => { status: number; body?: unknown };

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function serve(answer: Answer, port = 0): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const r: Received = { method: req.method ?? '', url: req.url ?? '', body: text ? JSON.parse(text) : null };
      received.push(r);
      const { status, body } = answer(r);
      res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

const HEALTH = { status: 'ok', store: 'pglite', segments: 0, lastObservationAt: null, historyFrom: null, historyUntil: null };

describe('the model services client', () => {
  it('upserts entities in batches of at most 5,000', async () => {
    const { url, received } = await serve(() => ({ status: 204 }));
    const city = generateCity({ seed: 1, size: 6000 });
    const entities: Entity[] = roadSegmentEntities(city);
    await new ModelsClient(url).upsert(entities);
    const sizes = received.map((r) => (r.body as unknown[]).length);
    expect(received.every((r) => r.method === 'POST' && r.url === '/ngsi-ld/v1/entityOperations/upsert')).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(5000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(entities.length);
  });

  it('fails with the message the model services gave', async () => {
    const { url } = await serve(() => ({ status: 400, body: { error: { code: 'invalid', message: 'unknown road segment s99999' } } }));
    await expect(new ModelsClient(url).upsert(roadSegmentEntities(generateCity({ seed: 1, size: 200 })))).rejects.toThrow(
      /answered 400: unknown road segment s99999/,
    );
  });

  it('waits for the model services to come up, then returns their health', async () => {
    // Find a free port, close it, and start the server there a moment later.
    const probe = await serve(() => ({ status: 204 }));
    const port = (probe.server.address() as AddressInfo).port;
    await new Promise((r) => probe.server.close(r));
    const said: string[] = [];
    const waiting = new ModelsClient(`http://127.0.0.1:${port}`).waitForHealth((m) => said.push(m));
    await new Promise((r) => setTimeout(r, 600));
    await serve(() => ({ status: 200, body: HEALTH }), port);
    await expect(waiting).resolves.toEqual(HEALTH);
    expect(said).toHaveLength(1);
  });

  it('puts the basemap and posts history where the API says', async () => {
    const { url, received } = await serve(() => ({ status: 204 }));
    const client = new ModelsClient(url);
    await client.putBasemap({ type: 'FeatureCollection', name: 'Polis', center: [9.94, 51.54], bbox: [9.9, 51.5, 10, 51.6], features: [] });
    await client.postHistory({ start: '2026-11-22T06:00:00.000Z', stepSeconds: 300, segmentIds: ['s00001'], speedKmh: [[50]], flowVph: [[300]] });
    expect(received.map((r) => `${r.method} ${r.url}`)).toEqual(['PUT /v1/city/basemap', 'POST /v1/ingest/traffic/history']);
  });
});
