import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/protocol/auth';
import { mayReadMetrics } from './metrics-access';

const req = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;
const as = (role: SessionUser['role'] | null) => async () => (role ? { id: '1', email: 'a@example.org', role } : null);
const TOKEN = 'scraper-token-0123456789';

describe('who may read /metrics', () => {
  it('lets a scraper in with the metrics bearer token', async () => {
    expect(await mayReadMetrics(req(`Bearer ${TOKEN}`), { token: TOKEN, userOf: as(null) })).toBe(true);
  });

  it('refuses a wrong bearer token', async () => {
    expect(await mayReadMetrics(req('Bearer scraper-token-0123456780'), { token: TOKEN, userOf: as(null) })).toBe(false);
  });

  it('refuses any bearer token when none is configured', async () => {
    expect(await mayReadMetrics(req('Bearer anything-at-all-here'), { token: undefined, userOf: as(null) })).toBe(false);
  });

  it('lets a signed-in admin in', async () => {
    expect(await mayReadMetrics(req(), { token: undefined, userOf: as('admin') })).toBe(true);
  });

  it('refuses a signed-in operator', async () => {
    expect(await mayReadMetrics(req(), { token: TOKEN, userOf: as('operator') })).toBe(false);
  });

  it('refuses the public', async () => {
    expect(await mayReadMetrics(req(), { token: TOKEN, userOf: as(null) })).toBe(false);
  });
});
