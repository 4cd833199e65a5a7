import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { authErrorSchema, userListSchema, userResponseSchema, type CreateUserRequest, type UpdateUserRequest, type UserSummary } from '@/lib/protocol/auth';

/** A refused call to the user API: its message, and the fields it named. */
export class UsersApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly issues: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'UsersApiError';
  }
}

/**
 * JSON to and from /api/auth/users. Same-origin fetches carry Origin and Sec-Fetch-Site, which
 * the server's CSRF check requires for anything that changes state.
 */
async function call<S extends z.ZodType>(url: string, schema: S, init: RequestInit = {}): Promise<z.infer<S>> {
  const res = await fetch(url, { ...init, headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) } });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = authErrorSchema.safeParse(body);
    throw new UsersApiError(err.success ? err.data.error : `${url} answered ${res.status}`, res.status, err.success ? (err.data.issues ?? []) : []);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new UsersApiError(`${url} sent an unexpected body`, 502);
  return parsed.data;
}

export const usersQuery = queryOptions({
  queryKey: ['admin', 'users'],
  queryFn: async ({ signal }) => (await call('/api/auth/users', userListSchema, { signal })).users,
});

export const createUser = async (body: CreateUserRequest): Promise<UserSummary> =>
  (await call('/api/auth/users', userResponseSchema, { method: 'POST', body: JSON.stringify(body) })).user;

export const updateUser = async (id: string, body: UpdateUserRequest): Promise<UserSummary> =>
  (await call(`/api/auth/users/${encodeURIComponent(id)}`, userResponseSchema, { method: 'PATCH', body: JSON.stringify(body) })).user;
