import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generateCity } from '../city';
import { TrafficSim } from '../sim';
import { createControlServer } from './control-server';

const servers: Array<{ close: () => void }> = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function start() {
  const city = generateCity({ seed: 7, size: 300 });
  const sim = new TrafficSim(city, { seed: 7, start: Date.parse('2026-11-23T08:00:00Z') });
  const server = createControlServer(sim, city.segments.map((s) => s.id));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (body: unknown) => fetch(`${url}/incidents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { city, sim, post };
}

describe('the twin control endpoint', () => {
  it('causes an incident on the segment named', async () => {
    const { city, sim, post } = await start();
    const res = await post({ segmentId: city.segments[5].id, capacityFactor: 0, minutes: 30 });
    expect(res.status).toBe(201);
    expect(sim.incidents.map((i) => i.segment)).toContain(5);
  });

  it('refuses an unknown segment, naming the field, and changes nothing', async () => {
    const { sim, post } = await start();
    const before = sim.incidents.length;
    const res = await post({ segmentId: 'nope' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: Array<{ path: string }> }).issues[0].path).toBe('segmentId');
    expect(sim.incidents.length).toBe(before);
  });

  it('refuses a capacity share over 1', async () => {
    const { city, post } = await start();
    const res = await post({ segmentId: city.segments[0].id, capacityFactor: 2 });
    expect(((await res.json()) as { issues: Array<{ path: string }> }).issues[0].path).toBe('capacityFactor');
  });
});
