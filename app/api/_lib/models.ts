import type { z } from 'zod';
import { loadConfig, modelsUrl } from '@/lib/config';
import { errorBodySchema } from '@/lib/protocol/models-api';
import { issuesOf } from '@/lib/validation';
import { jsonError, jsonOk } from './respond';

const TIMEOUT_MS = 10_000;

/**
 * GET a path from the model services and answer with its body once it passes its lib schema:
 * 502 naming the problem when they are unreachable or send something invalid; their own 4xx
 * (e.g. an unknown segment) passes through.
 */
export async function fromModels(path: string, schema: z.ZodType, what: string): Promise<Response> {
  const base = modelsUrl(loadConfig());
  let res: globalThis.Response;
  try {
    res = await fetch(`${base}${path}`, { cache: 'no-store', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    const why = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : 'connection failed';
    return jsonError(502, 'models-unreachable', `model services unreachable at ${base} (${why})`);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const upstream = errorBodySchema.safeParse(body);
    if (res.status >= 400 && res.status < 500 && upstream.success)
      return jsonError(res.status, upstream.data.error.code, upstream.data.error.message, upstream.data.error.issues);
    return jsonError(502, 'models-error', `model services answered ${res.status} for ${what}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return jsonError(502, 'models-invalid-response', `model services sent an invalid ${what}`, issuesOf(parsed.error));
  return jsonOk(parsed.data);
}
