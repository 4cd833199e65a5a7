import { Agent, request } from 'node:http';
import type { Queryable } from '../store/sql';

export interface FuzzResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * An HTTP client for fuzzing a server over one keep-alive connection: thousands of requests
 * in batches, without a socket (and a TIME_WAIT) per request.
 */
export function keepAliveClient(baseUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<FuzzResponse> =>
    new Promise((resolve, reject) => {
      const req = request(`${baseUrl}${path}`, { method, agent, headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  return {
    send,
    json: (method: string, path: string, value: unknown, headers: Record<string, string> = {}) =>
      send(method, path, JSON.stringify(value) ?? 'null', { 'content-type': 'application/json', ...headers }),
    close: () => agent.destroy(),
  };
}

/** Row count and content hash of every table in the public schema: equal before and after means nothing was written. */
export async function tableDigest(db: Queryable): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ n: number | string; h: string | null }>(`SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM "${name}" t`);
    out[name] = `${Number(row.n)}:${row.h ?? ''}`;
  }
  return out;
}
