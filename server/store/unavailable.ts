/** Connection-level failures: the database is down or restarting, not a problem with the request. */
const CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  // Postgres class 08 (connection exception) and 57P01-03 (shutdown, crash shutdown, cannot connect now).
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);
const MESSAGES = /connection terminated|timeout exceeded when trying to connect|client has encountered a connection error|connection ended/i;

/** True when an error says the store cannot be reached (so the caller answers 503 and the sender retries). */
export function isStoreUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as Error & { code?: unknown }).code;
  if (typeof code === 'string' && CODES.has(code)) return true;
  if (err instanceof AggregateError && err.errors.some(isStoreUnavailable)) return true;
  return MESSAGES.test(err.message);
}
