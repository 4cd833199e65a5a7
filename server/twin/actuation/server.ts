import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { actuationRequestSchema, type SignalIntersection } from '@/lib/protocol/actuation';
import { whatIfRequestSchema } from '@/lib/protocol/what-if';
import { issuesOf, ValidationError } from '@/lib/validation';
import type { World } from '../world';
import { whatIf } from './what-if';

/** Plans are small; a restriction of 2,000 segment ids is about 20 kB. */
const MAX_BODY = 64 * 1024;
const actionIdSchema = z.uuid();

class TooLarge extends Error {}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new TooLarge(`body over ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Where the API says what it carried out (the twin's process log); silent unless given. */
export type ActuationLog = (line: string) => void;

/**
 * The twin's actuation API, as a real city's signal and grid controllers would offer one:
 * POST /v1/actuations, GET /v1/actuations/{id}, POST /v1/actuations/{id}/rollback,
 * POST /v1/what-if, GET /v1/signals/intersections. Every body is checked with its lib/protocol
 * schema and against the city; a bad one is refused whole (400, naming the fields).
 */
export function createActuationServer(world: World, log: ActuationLog = () => undefined): Server {
  // What-if runs one at a time: each steps two forks of the twin on this event loop.
  let queue: Promise<unknown> = Promise.resolve();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const body = async (): Promise<{ ok: true; json: unknown } | { ok: false }> => {
      try {
        return { ok: true, json: await readJson(req) };
      } catch (err) {
        if (err instanceof TooLarge) send(413, { error: err.message });
        else send(400, { error: 'body is not JSON', issues: [{ path: '', message: 'body is not JSON' }] });
        return { ok: false };
      }
    };
    const url = new URL(req.url ?? '/', 'http://twin');
    const path = url.pathname;
    const one = /^\/v1\/actuations\/([^/]+)(\/rollback)?$/.exec(path);

    if (path === '/v1/actuations' && req.method === 'POST') {
      const b = await body();
      if (!b.ok) return;
      const parsed = actuationRequestSchema.safeParse(b.json);
      if (!parsed.success) return send(400, { error: 'invalid actuation', issues: issuesOf(parsed.error) });
      try {
        const status = world.actuate(parsed.data.actionId, parsed.data.plan);
        // One line per request: an action carried out once however often it is sent reads as one "applied".
        if (status.duplicate) log(`actuation ${status.actionId} repeated: already ${status.state}, nothing done again`);
        else log(`actuation ${status.actionId} applied: ${parsed.data.plan.kind} until ${status.endsAt}`);
        return send(status.duplicate ? 200 : 201, status);
      } catch (err) {
        if (err instanceof ValidationError) return send(400, { error: 'invalid actuation', issues: err.issues });
        throw err;
      }
    }
    if (one && (req.method === 'GET' || (req.method === 'POST' && one[2]))) {
      // A broken escape ("%E0%A4%A") makes decodeURIComponent throw: that is a bad id, not a 500.
      let raw: string | null;
      try {
        raw = decodeURIComponent(one[1]);
      } catch {
        raw = null;
      }
      const id = actionIdSchema.safeParse(raw);
      if (!id.success) return send(400, { error: 'invalid action id', issues: [{ path: 'actionId', message: 'must be a UUID' }] });
      const status = one[2] ? world.rollback(id.data) : world.actuator.status(id.data);
      if (one[2] && status) log(`actuation ${id.data} rollback: now ${status.state}`);
      return status ? send(200, status) : send(404, { error: `no actuation ${id.data}` });
    }
    if (path === '/v1/what-if' && req.method === 'POST') {
      const b = await body();
      if (!b.ok) return;
      const parsed = whatIfRequestSchema.safeParse(b.json);
      if (!parsed.success) return send(400, { error: 'invalid what-if', issues: issuesOf(parsed.error) });
      const run = queue.then(() => whatIf(world, parsed.data.plan, parsed.data.horizonMin));
      queue = run.catch(() => undefined);
      try {
        return send(200, await run);
      } catch (err) {
        if (err instanceof ValidationError) return send(400, { error: 'invalid what-if', issues: err.issues });
        throw err;
      }
    }
    if (path === '/v1/signals/intersections' && req.method === 'GET') {
      const intersections: SignalIntersection[] = world.actuator.intersections();
      return send(200, { intersections });
    }
    send(404, { error: 'not found' });
  };
  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
    });
  });
}

/** Listen on loopback only, whatever HOST says: actuation is for the gateway and the optimisers on this machine. */
export async function startActuationServer(world: World, port: number, log?: ActuationLog): Promise<Server> {
  const server = createActuationServer(world, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}
