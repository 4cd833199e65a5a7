import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { issuesOf } from '@/lib/validation';

/** The small HTTP toolkit of the auth routes: bodies, validation, answers and the same-origin rule. */

const MAX_BODY = 16 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  if (type === 'application/json') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HttpError(400, 'body is not JSON');
    }
  }
  throw new HttpError(415, 'send application/json or a form');
}

export function parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, `invalid ${what}`, issuesOf(r.error));
  return r.data;
}

export const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
};

export const redirect = (res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}) => {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  res.end();
};

export const isForm = (req: IncomingMessage) => (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/**
 * CSRF defence for state-changing requests, beside the SameSite cookie: a browser says where a
 * request comes from in Sec-Fetch-Site (all current browsers) and Origin; either naming another
 * site refuses it. A request with neither header is not a browser's cross-site request (curl,
 * server-to-server, tests), and carries no ambient cookie an attacker could borrow.
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    // "null" (a sandboxed frame, a privacy redirect) and other opaque origins are not this site.
    return false;
  }
}

/** The peer address of a request, IPv4-mapped IPv6 written as IPv4 (the per-address sign-in limit's key). */
export function clientIp(req: IncomingMessage): string {
  const addr = req.socket.remoteAddress ?? 'unknown';
  return addr.startsWith('::ffff:') ? addr.slice(7) : addr;
}
