import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { SESSION_COOKIE, type Role } from '@/lib/protocol/auth';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/protocol/socket';
import { AuthStore } from '../auth/auth-store';
import { flowEntity, postJson, roadSegmentEntity, startTestModels } from '../models/test-server';
import { openPglite } from '../store/pglite';
import { createGateway, type Gateway, type GatewayOptions } from './gateway';
import { silentLog } from './log';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A road segment placed at a given point, so area subscriptions can tell segments apart. */
export const segmentAt = (id: string, lon: number, lat: number) => ({
  ...roadSegmentEntity(id),
  location: { type: 'LineString' as const, coordinates: [[lon, lat], [lon + 0.001, lat + 0.0005]] as [number, number][] },
});

export const upsert = (modelsUrl: string, entities: unknown[]) => postJson(`${modelsUrl}/ngsi-ld/v1/entityOperations/upsert`, entities);

/** Model services with two segments far apart (east and west of the city), read at 08:00. */
export async function startSeededModels() {
  const models = await startTestModels();
  await upsert(models.url, [
    segmentAt('s00001', 8.8, 51.1),
    segmentAt('s00002', 8.9, 51.1),
    flowEntity('s00001', '2026-11-23T08:00:00.000Z', 40),
    flowEntity('s00002', '2026-11-23T08:00:00.000Z', 20),
  ]);
  return models;
}

export const memoryAuthStore = async () => AuthStore.open(await openPglite(), { sessionTtlMs: 3600_000 });

/** A user of the given role and a session token for them. */
export async function sessionFor(store: AuthStore, role: Role = 'operator'): Promise<string> {
  const user = await store.createUser(`${role}-${Math.random().toString(36).slice(2, 8)}@example.org`, 'correct horse battery', role);
  return store.createSession(user.id);
}

/** A real gateway on a loopback HTTP server. */
export async function startGateway(modelsUrl: string, auth: AuthStore, extra: Partial<GatewayOptions> = {}) {
  const http: Server = createServer();
  const gateway: Gateway = createGateway(http, {
    modelsUrl,
    pollIntervalMs: 100,
    staleAfterMs: 2000,
    authenticate: (token) => auth.sessionUser(token),
    log: silentLog,
    ...extra,
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    gateway,
    http,
    url,
    stop: async () => {
      await gateway.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** A Socket.IO client of a namespace, with the session cookie when given a token. */
export function connectClient(url: string, namespace: '/ops' | '/public' | '/', token?: string, extra: Record<string, unknown> = {}): Client {
  return io(`${url}${namespace}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(token ? { extraHeaders: { cookie: `${SESSION_COOKIE}=${token}` } } : {}),
    ...extra,
  });
}

export function connected(client: Client): Promise<void> {
  return new Promise((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
}

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The next event of a kind that `accept` takes (returns non-null). */
export const nextEvent = <T>(client: Client, event: 'delta' | 'freshness' | 'snapshot', accept: (v: unknown) => T | null, timeoutMs = 5000) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${event} within ${timeoutMs} ms`)), timeoutMs);
    const on = (payload: unknown) => {
      const v = accept(payload);
      if (v === null) return;
      clearTimeout(timer);
      client.off(event, on);
      resolve(v);
    };
    client.on(event, on);
  });
