import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { electLeader, type Leadership, type LockClient } from './leader';
import { privateRedis, skipUnless } from '../testing/services';
import { until } from './test-stack';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const probe = createClient({ url: REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } });
probe.on('error', () => undefined);
const redisDown = await probe.connect().then(
  () => null,
  (err: unknown) => (err instanceof Error ? err.message : String(err)),
);
await probe.quit().catch(() => undefined);
if (redisDown && process.env.CI === 'true') throw new Error(`Redis is required in CI (${REDIS_URL}): ${redisDown}`);
if (redisDown) console.log(`[leader.test] Redis unreachable at ${REDIS_URL}, skipped: ${redisDown}`);

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function candidate(key: string, id: string, ttlMs = 600): Promise<Leadership> {
  const c = createClient({ url: REDIS_URL });
  c.on('error', () => undefined);
  await c.connect();
  // node-redis's generated command types are wider than the two commands the election uses.
  const l = electLeader({ redis: c as unknown as LockClient, key, id, ttlMs, onChange: () => undefined });
  cleanups.push(() => c.quit(), () => l.stop());
  return l;
}

describe('leader election on Redis', () => {
  it.skipIf(redisDown !== null)('elects exactly one of several gateways', async () => {
    const key = `polis-test:leader:${Math.random().toString(36).slice(2)}`;
    const all = await Promise.all(['a', 'b', 'c'].map((id) => candidate(key, id)));
    await until('a leader', () => all.some((l) => l.isLeader));
    await new Promise((r) => setTimeout(r, 700));
    expect(all.filter((l) => l.isLeader)).toHaveLength(1);
  });

  it.skipIf(redisDown !== null)('hands over when the leader stops', async () => {
    const key = `polis-test:leader:${Math.random().toString(36).slice(2)}`;
    const a = await candidate(key, 'a');
    await until('a leads', () => a.isLeader);
    const b = await candidate(key, 'b');
    await a.stop();
    await until('b leads', () => b.isLeader, 3000);
    expect(a.isLeader).toBe(false);
  });
});

describe('leader election when Redis goes away', () => {
  const skipPrivate = skipUnless('redis', 'leader.test');

  it.skipIf(skipPrivate)('steps down and says Redis is unreachable soon after losing it, and is elected again once it returns', async () => {
    const redis = await privateRedis();
    cleanups.push(redis.stop);
    const c = createClient({ url: redis.url, socket: { reconnectStrategy: () => 100 } });
    c.on('error', () => undefined);
    await c.connect();
    cleanups.push(async () => void c.destroy());
    const changes: string[] = [];
    const ttlMs = 600;
    const l = electLeader({
      redis: c as unknown as LockClient,
      key: 'polis-test:leader',
      id: 'a',
      ttlMs,
      onChange: (v) => changes.push(v ? 'leader' : 'follower'),
      onReachable: (v) => changes.push(v ? 'reachable' : 'unreachable'),
    });
    cleanups.push(() => l.stop());
    await until('a leads', () => l.isLeader);

    await redis.stop();
    const downAt = Date.now();
    await until('a is cut off', () => !l.reachable && !l.isLeader, 3000);
    // A round every third of the TTL, each given half of it to answer (timers on a busy machine run late).
    expect(Date.now() - downAt).toBeLessThan(2 * ttlMs);
    await redis.start();
    await until('a leads again', () => l.reachable && l.isLeader, 5000);
    expect(changes).toEqual(['leader', 'unreachable', 'follower', 'reachable', 'leader']);
  });
});
