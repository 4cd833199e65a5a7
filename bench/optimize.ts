/**
 * The optimisers (issue 10): POST /v1/optimize/signals on the busiest corridors of the
 * 2,000-segment twin in a peak, through the real model services and the twin's actuation HTTP API.
 * Figures: how many get a proposal, the corridor delay the twin's what-if predicts with and without
 * it, and how long a request takes (each tries up to four variants, one what-if each).
 */
import type { AddressInfo } from 'node:net';
import { proposalSchema } from '../lib/protocol/actuation';
import { startTestModels } from '../server/models/test-server';
import { TwinActuationClient } from '../server/twin/actuation/client';
import { startActuationServer } from '../server/twin/actuation/server';
import { generateCity } from '../server/twin/city';
import { ModelsClient } from '../server/twin/client';
import { runUntil } from '../server/twin/history';
import { roadSegmentEntities } from '../server/twin/ngsi';
import { World } from '../server/twin/world';
import { summarise, type Figure } from './report';

const CORRIDORS = 8;

async function peak(label: string, at: string): Promise<Figure[]> {
  const city = generateCity({ seed: 42, size: 2000 });
  const t0 = Date.parse(at);
  const world = new World(city, { seed: 42, start: t0 - 3600_000 });
  runUntil(world, t0);
  const twin = await startActuationServer(world, 0);
  const models = await startTestModels({ field: new TwinActuationClient(`http://127.0.0.1:${(twin.address() as AddressInfo).port}`) });
  try {
    const client = new ModelsClient(models.url);
    await client.upsert([...roadSegmentEntities(city), ...world.registration()]);
    await client.upsert(world.observations());
    const index = new Map(city.segments.map((s, i) => [s.id, i]));
    const occupancy = (id: string) => world.traffic.occupancy[index.get(id) ?? 0];
    // The most occupied arterial approaches to a signal: the corridors an operator would pick.
    const starts = world.actuator
      .intersections()
      .flatMap((i) => i.approaches.map((a) => a.segmentId))
      .filter((id) => city.segments[index.get(id) ?? 0].roadClass === 'primary')
      .sort((a, b) => occupancy(b) - occupancy(a))
      .slice(0, CORRIDORS);
    const ms: number[] = [];
    const gains: number[] = [];
    let refused = 0;
    for (const id of starts) {
      const t = performance.now();
      const res = await fetch(`${models.url}/v1/optimize/signals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ corridor: [id], horizonMin: 30 }) });
      const body: unknown = await res.json();
      ms.push(performance.now() - t);
      if (res.status === 409) refused++;
      else {
        const { impact } = proposalSchema.parse(body);
        gains.push(((impact.baseline - impact.withPlan) / impact.baseline) * 100);
      }
    }
    const g = summarise(gains);
    const m = summarise(ms);
    return [
      { name: `${label}: corridors given a proposal`, value: gains.length, unit: `of ${starts.length}`, note: `${refused} answered 409: no variant cut the delay by 1 %` },
      ...(gains.length ? [{ name: `${label}: predicted corridor delay cut`, value: g.median, unit: '%', note: `median; min ${g.min.toFixed(1)}, max ${g.max.toFixed(1)}; 30 twin-min what-if` }] : []),
      { name: `${label}: POST /v1/optimize/signals`, value: m.median, unit: 'ms', note: `median, max ${m.max.toFixed(0)}` },
    ];
  } finally {
    await models.stop();
    twin.closeAllConnections();
    await new Promise((resolve) => twin.close(resolve));
  }
}

export async function benchOptimize(): Promise<Figure[]> {
  return [...(await peak('Mon 08:00', '2026-11-16T08:00:00Z')), ...(await peak('Mon 17:30', '2026-11-16T17:30:00Z'))];
}
