import type { z } from 'zod';
import { errorBodySchema } from '@/lib/protocol/models-api';
import { issuesOf } from '@/lib/validation';

/** A failed call to the app's own API, with the message its JSON error body gave. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GET a JSON body from the app's API and validate it with its lib schema. */
export async function getJson<S extends z.ZodType>(url: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = errorBodySchema.safeParse(body);
    throw new ApiError(err.success ? err.data.error.message : `${url} answered ${res.status}`, res.status);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = issuesOf(parsed.error)[0];
    throw new ApiError(`${url} sent an invalid body (${first?.path || '(root)'}: ${first?.message})`, 502);
  }
  return parsed.data;
}
