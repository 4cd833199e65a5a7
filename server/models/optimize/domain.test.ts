import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTranslator } from 'use-intl/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import { renderText } from '@/lib/i18n/render-text';
import { actionPlanSchema, proposalSchema, type Proposal } from '@/lib/protocol/actuation';
import type { Entity } from '@/lib/protocol/ngsi';
import { TwinActuationClient } from '../../twin/actuation/client';
import { startActuationServer } from '../../twin/actuation/server';
import { generateCity } from '../../twin/city';
import { ModelsClient } from '../../twin/client';
import { roadSegmentEntities } from '../../twin/ngsi';
import { World } from '../../twin/world';
import { errorOf, postJson, startTestModels } from '../test-server';

/**
 * The optimisers' endpoints against a real twin (a World with its actuation HTTP server, reached
 * through the twin's client) and a real model services server fed the twin's registration and
 * observations.
 */
const MONDAY_0730 = Date.parse('2026-11-23T07:30:00Z');
const city = generateCity({ seed: 11, size: 600 });
const world = new World(city, { seed: 11, start: MONDAY_0730 });

let twin: Server;
let running: Awaited<ReturnType<typeof startTestModels>>;
let fieldless: Awaited<ReturnType<typeof startTestModels>>;
let observations: Entity[];

beforeAll(async () => {
  // Twenty twin-minutes of the morning peak, so the roads carry traffic.
  for (let k = 0; k < 120; k++) world.step();
  twin = await startActuationServer(world, 0);
  running = await startTestModels({ field: new TwinActuationClient(`http://127.0.0.1:${(twin.address() as AddressInfo).port}`) });
  fieldless = await startTestModels();
  observations = world.observations();
  for (const r of [running, fieldless]) {
    const client = new ModelsClient(r.url);
    await client.upsert([...roadSegmentEntities(city), ...world.registration()]);
    await client.upsert(observations);
  }
}, 120_000);
afterAll(async () => {
  await running?.stop();
  await fieldless?.stop();
  twin?.closeAllConnections();
  await new Promise((resolve) => twin?.close(resolve));
});

const optimize = (kind: string, body: unknown, url = running.url) => postJson(`${url}/v1/optimize/${kind}`, body);
const busiestSignalApproach = () => {
  const list = world.actuator.intersections();
  let best = { id: '', flow: -1 };
  for (const i of list)
    for (const a of i.approaches) {
      const k = city.segments.findIndex((s) => s.id === a.segmentId);
      if (world.traffic.flowVph[k] > best.flow) best = { id: a.segmentId, flow: world.traffic.flowVph[k] };
    }
  return best.id;
};

/** Everything a proposal says, written in Chinese from its codes; formatting errors collected. */
function inChinese(p: Proposal): { lines: string[]; errors: string[] } {
  const errors: string[] = [];
  const t = createTranslator({ locale: 'zh-CN', messages: MESSAGES['zh-CN'], namespace: 'texts', timeZone: 'UTC', onError: (e) => errors.push(e.message) });
  const say = (text: Parameters<typeof renderText>[2]) => renderText(t, 'zh-CN', text, '(no code)');
  return { lines: [say(p.titleText), say(p.methodText), ...(p.impact.assumptionTexts ?? [null]).map(say)], errors };
}

describe('POST /v1/optimize/signals', () => {
  it('answers a green-wave proposal for a corridor of one segment, extended along its street', async () => {
    const segment = busiestSignalApproach();
    const res = await optimize('signals', { corridor: [segment], horizonMin: 30 });
    expect(res.status).toBe(200);
    const proposal = proposalSchema.parse(await res.json());
    expect(actionPlanSchema.safeParse(proposal.plan).success).toBe(true);
    expect(proposal.plan.kind).toBe('signal-retiming');
    if (proposal.plan.kind !== 'signal-retiming') return;
    expect(proposal.plan.corridor[0]).toBe(segment);
    expect(new Set(proposal.plan.intersections.map((t) => t.cycleS)).size).toBe(1);
    expect(proposal.target).toMatchObject({ kind: 'corridor', segments: proposal.plan.corridor });
    expect(proposal.impact.horizonMin).toBe(30);
    expect(proposal.impact.assumptions.some((a) => a.startsWith('Design flows'))).toBe(true);
  }, 60_000);

  it('proposes the variant the twin predicts best and lists every variant it tried', async () => {
    const res = await optimize('signals', { corridor: [busiestSignalApproach()], horizonMin: 30 });
    const { impact } = proposalSchema.parse(await res.json());
    expect(impact.withPlan).toBeLessThan(impact.baseline * 0.99);
    const tried = impact.assumptions.find((a) => a.startsWith('Variants tried'));
    for (const name of ['Webster with queues', 'Webster on flows', 'Webster, corridor green held', 'coordination only']) expect(tried).toContain(name);
    const figures = [...(tried ?? '').matchAll(/ (\d+\.\d) \(/g)].map((m) => Number(m[1]));
    expect(Math.min(...figures)).toBeCloseTo(impact.withPlan, 1);
  }, 60_000);

  it('retimes one intersection by its id', async () => {
    const list = world.actuator.intersections();
    const busiest = list.find((i) => i.approaches.some((a) => a.segmentId === busiestSignalApproach()));
    const res = await optimize('signals', { intersectionId: busiest?.id, horizonMin: 10 });
    expect(res.status).toBe(200);
    const proposal = proposalSchema.parse(await res.json());
    expect(proposal.target).toMatchObject({ kind: 'intersection', id: busiest?.id });
    expect(proposal.plan).toMatchObject({ kind: 'signal-retiming', corridor: [], intersections: [{ intersectionId: busiest?.id }] });
  }, 60_000);

  it('writes its title, method and every assumption, its own and the twin’s, as codes for any language', async () => {
    const res = await optimize('signals', { corridor: [busiestSignalApproach()], horizonMin: 30 });
    const proposal = proposalSchema.parse(await res.json());
    const { lines, errors } = inChinese(proposal);
    expect(errors).toEqual([]);
    expect(lines.filter((l) => l === '(no code)')).toEqual([]);
    expect(lines[0]).toMatch(/绿波协调/);
    expect(proposal.impact.assumptionTexts?.map((a) => a.code)).toEqual(
      expect.arrayContaining(['assumption.signals.chosen', 'assumption.signals.tried', 'assumption.signals.triedVariant', 'assumption.whatIf.corridorDelay']),
    );
  }, 60_000);

  it('answers 404 naming an unknown segment', async () => {
    const res = await optimize('signals', { corridor: ['no-such-segment'] });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'unknown-segment', issues: [{ path: 'corridor[0]' }] });
  });

  it('answers 404 for an unknown intersection', async () => {
    const res = await optimize('signals', { intersectionId: 'j999999' });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('unknown-intersection');
  });

  it('refuses a request naming both a corridor and an intersection with 400 and the field', async () => {
    const res = await optimize('signals', { corridor: ['a'], intersectionId: 'j1' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('corridor');
  });

  it('refuses a horizon beyond two hours with 400 naming horizonMin', async () => {
    const res = await optimize('signals', { intersectionId: 'j1', horizonMin: 600 });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).issues?.[0]?.path).toBe('horizonMin');
  });

  it('answers 503 when no field can run the what-if', async () => {
    const res = await optimize('signals', { corridor: [busiestSignalApproach()] }, fieldless.url);
    expect(res.status).toBe(503);
    expect((await errorOf(res)).code).toBe('field-unavailable');
  });
});

describe('POST /v1/optimize/grid', () => {
  const feeders = () => world.grid?.model.network.feeders ?? [];

  it('answers 404 for an unknown feeder', async () => {
    const res = await optimize('grid', { feederId: 'no-such-feeder' });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'unknown-feeder', issues: [{ path: 'feederId' }] });
  });

  it('answers 409 nothing-to-do, saying why, for a feeder not forecast to overload', async () => {
    const calm = feeders().find((f, i) => (world.grid?.sim.netKw[i] ?? Infinity) < 0.8 * f.capacityKw);
    expect(calm).toBeDefined();
    const res = await optimize('grid', { feederId: calm?.id, horizonMin: 60 });
    expect(res.status).toBe(409);
    const error = await errorOf(res);
    expect(error.code).toBe('nothing-to-do');
    expect(error.message).toMatch(/is not forecast to exceed/);
  });

  it('plans demand response that passes the plan schema for a feeder reading over capacity, said in codes for any language', async () => {
    const feeder = feeders()[0];
    const reading = observations.find((e) => e.type === 'ThreePhaseAcMeasurement' && e.id.endsWith(`:${feeder.id}`));
    expect(reading).toBeDefined();
    // The feeder's meter reads 110 % of capacity a minute later: held as the load (no forecast is trained here).
    const over = {
      ...reading,
      dateObserved: new Date(world.time + 60_000).toISOString(),
      totalActivePower: feeder.capacityKw * 1100,
      activePower: undefined,
    };
    const up = await postJson(`${running.url}/ngsi-ld/v1/entityOperations/upsert`, [over]);
    expect(up.status).toBe(204);
    const res = await optimize('grid', { feederId: feeder.id, horizonMin: 30 });
    expect(res.status).toBe(200);
    const proposal = proposalSchema.parse(await res.json());
    expect(proposal.plan.kind).toBe('demand-response');
    if (proposal.plan.kind !== 'demand-response') return;
    expect(proposal.plan.steps).toHaveLength(2);
    const first = proposal.plan.steps[0];
    // 110 % against a 95 % limit: 15 % of capacity covered in every step.
    expect(first.batteryKw + first.shiftEvKw + first.shedKw).toBeCloseTo(feeder.capacityKw * 0.15, 0);
    expect(proposal.target).toMatchObject({ kind: 'feeder', id: feeder.id });
    const { lines, errors } = inChinese(proposal);
    expect([errors, lines.filter((l) => l === '(no code)')]).toEqual([[], []]);
  }, 60_000);
});

describe('POST /v1/optimize/air', () => {
  const stations = () => world.air?.stations ?? [];

  it('answers 404 for an unknown station', async () => {
    const res = await optimize('air', { stationId: 'no-such-station' });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('unknown-station');
  });

  it('answers 409 nothing-to-do when the AQI stays under the threshold', async () => {
    const res = await optimize('air', { stationId: stations()[0].id, aqiThreshold: 500 });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).message).toMatch(/not above the threshold 500/);
  });

  it('proposes a restriction of nearby segments when the AQI is over the threshold, said in codes for any language', async () => {
    const station = stations()[0];
    const res = await optimize('air', { stationId: station.id, aqiThreshold: 1, horizonMin: 15 });
    expect(res.status).toBe(200);
    const proposal = proposalSchema.parse(await res.json());
    expect(proposal.plan.kind).toBe('traffic-restriction');
    if (proposal.plan.kind !== 'traffic-restriction') return;
    expect(proposal.plan.segments.length).toBeGreaterThan(0);
    expect(proposal.plan.reduction).toBeGreaterThanOrEqual(0.2);
    expect(proposal.target).toMatchObject({ kind: 'station', id: station.id, segments: proposal.plan.segments });
    const { lines, errors } = inChinese(proposal);
    expect([errors, lines.filter((l) => l === '(no code)')]).toEqual([[], []]);
  }, 60_000);

  it('refuses an unknown field in the body with 400', async () => {
    const res = await optimize('air', { stationId: 'x', radius: 5 });
    expect(res.status).toBe(400);
  });
});

describe('the OpenAPI document', () => {
  it('lists the three optimisers with their request and proposal bodies', async () => {
    const doc = (await (await fetch(`${running.url}/v1/openapi.json`)).json()) as { paths: Record<string, { post?: { responses: Record<string, unknown> } }> };
    for (const kind of ['signals', 'grid', 'air']) expect(Object.keys(doc.paths[`/v1/optimize/${kind}`]?.post?.responses ?? {})).toEqual(['200', '400', '404', '409', '503']);
  });
});
