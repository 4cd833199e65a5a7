import type { z } from 'zod';
import { replayLayerSchema, replayQuerySchema } from '@/lib/protocol/replay';
import { issuesOf } from '@/lib/validation';
import type { DomainFactory, RouteContext } from '../domain';
import { HttpError, sendJson } from '../http';
import { readFrames, readRange } from './frames';

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = issuesOf(r.error);
  const first = issues[0];
  throw new HttpError(400, 'bad-request', `invalid ${what}: ${first ? `${first.path || '(root)'}: ${first.message}` : 'invalid'}`, issues);
}

/**
 * Replay for the timeline: GET /v1/replay (what history exists) and GET /v1/replay/{layer}?from&to
 * (column-major 5-minute frames). It reads the rollups the traffic store and the forecast
 * domain's history (server/models/ml/history-store.ts) keep; it stores nothing of its own.
 */
export const createReplayModels: DomainFactory = async ({ store }) => {
  const route = async ({ res, path, query, allow }: RouteContext): Promise<boolean> => {
    if (path === '/v1/replay') {
      allow('GET');
      sendJson(res, 200, await readRange(store.db));
      return true;
    }
    const m = /^\/v1\/replay\/([^/]+)$/.exec(path);
    if (!m) return false;
    allow('GET');
    const layer = parse(replayLayerSchema, decodeURIComponent(m[1]), 'layer');
    const q = parse(replayQuerySchema, query, 'query');
    sendJson(res, 200, await readFrames(store.db, layer, Date.parse(q.from), Date.parse(q.to)));
    return true;
  };
  return { name: 'replay', layers: [], route };
};
