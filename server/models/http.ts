import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody } from '@/lib/protocol/models-api';
import type { FieldIssue } from '@/lib/validation';

/** Bodies past this are refused before parsing (a week's backfill of 20,000 segments fits). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** An error with its HTTP status and code: thrown by handlers, answered as an ErrorBody. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendRaw(res, status, JSON.stringify(body));
}

export function sendRaw(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}

export function sendError(res: ServerResponse, err: HttpError): void {
  const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
  sendJson(res, err.status, body);
}

/** Read a JSON body: 415 unless it says it is JSON, 413 when too big, 400 when it does not parse. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && type !== 'application/ld+json')
    throw new HttpError(415, 'unsupported-media-type', `content-type must be application/json or application/ld+json, got "${type || 'none'}"`);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, 'too-large', `body exceeds ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'too-large', `body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(buf);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (err) {
    throw new HttpError(400, 'invalid-json', `body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}
