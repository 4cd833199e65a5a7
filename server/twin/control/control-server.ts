import { createServer, type IncomingMessage, type Server } from 'node:http';
import { incidentRequestSchema, type IncidentResponse } from '@/lib/protocol/twin-control';
import { issuesOf } from '@/lib/validation';
import type { TrafficSim } from '../sim';

const MAX_BODY = 16 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The twin's control endpoint: POST /incidents causes an incident on a segment, as a crash would.
 * For drills and end-to-end tests only: the twin starts it only when TWIN_CONTROL_PORT is set,
 * and it listens on loopback whatever HOST says.
 */
export function createControlServer(sim: TrafficSim, segmentIds: readonly string[]): Server {
  const indexOf = new Map(segmentIds.map((id, i) => [id, i]));
  return createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.url !== '/incidents' || req.method !== 'POST') return send(404, { error: 'POST /incidents only' });
    readBody(req).then(
      (text) => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return send(400, { error: 'body is not JSON' });
        }
        const parsed = incidentRequestSchema.safeParse(json);
        if (!parsed.success) return send(400, { error: 'invalid incident', issues: issuesOf(parsed.error) });
        const { segmentId, capacityFactor, minutes, kind, severity } = parsed.data;
        const index = indexOf.get(segmentId);
        if (index === undefined) return send(400, { error: 'invalid incident', issues: [{ path: 'segmentId', message: `no segment ${segmentId}` }] });
        const inc = sim.addIncident(index, capacityFactor, minutes * 60_000, { kind, ...(severity ? { severity } : {}) });
        const body: IncidentResponse = { id: inc.id, segmentId, description: inc.description, severity: inc.severity };
        send(201, body);
      },
      (err: unknown) => send(413, { error: err instanceof Error ? err.message : String(err) }),
    );
  });
}

export async function startControlServer(sim: TrafficSim, segmentIds: readonly string[], port: number): Promise<Server> {
  const server = createControlServer(sim, segmentIds);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}
