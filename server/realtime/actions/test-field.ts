import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { actuationRequestSchema, type ActuationStatus, type Proposal } from '@/lib/protocol/actuation';

/**
 * Loopback servers speaking the optimiser's and the field's HTTP contracts (lib/protocol/actuation.ts),
 * for the workflow's tests: what they were asked is recorded, and the field can be told to hold
 * its answer (a gateway dying mid-flight) or to refuse.
 */

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}

const reply = (res: ServerResponse, status: number, v: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(v));
};

async function listen(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An optimiser answering every request with the proposal `answer` gives for its path and body. */
export async function startTestOptimiser(answer: (path: string, body: unknown) => Proposal) {
  const calls: Array<{ path: string; body: unknown }> = [];
  const server = createServer((req, res) => {
    void body(req).then((b) => {
      const path = req.url ?? '/';
      calls.push({ path, body: b });
      reply(res, 200, answer(path, b));
    });
  });
  return { calls, ...(await listen(server)) };
}

export interface TestField {
  url: string;
  /** Every POST /v1/actuations body received, re-sends included. */
  received: string[];
  /** Actuations carried out (once per action id). */
  applied: Map<string, ActuationStatus>;
  rolledBack: string[];
  /** Hold the answers to actuations (they are carried out, the answer never comes) until cleared. */
  hold: boolean;
  /** Answer actuations with this status code instead (a refusal). */
  refuseWith: number | null;
  stop: () => Promise<void>;
}

/** A field that carries each action id out once: applied at `appliedAt()`, for the plan's duration. */
export async function startTestField(appliedAt: () => string = () => new Date().toISOString()): Promise<TestField> {
  const state = { received: [] as string[], applied: new Map<string, ActuationStatus>(), rolledBack: [] as string[], hold: false, refuseWith: null as number | null };
  const server = createServer((req, res) => {
    void body(req).then((b) => {
      const path = req.url ?? '/';
      const rb = /^\/v1\/actuations\/([^/]+)\/rollback$/.exec(path);
      if (rb) {
        const id = decodeURIComponent(rb[1]);
        const cur = state.applied.get(id);
        if (!cur) return reply(res, 404, { error: `no actuation ${id}` });
        state.rolledBack.push(id);
        const next = { ...cur, state: 'rolled-back' as const, duplicate: cur.state === 'rolled-back' };
        state.applied.set(id, next);
        return reply(res, 200, next);
      }
      if (path !== '/v1/actuations' || req.method !== 'POST') return reply(res, 404, { error: 'not found' });
      const parsed = actuationRequestSchema.safeParse(b);
      if (!parsed.success) return reply(res, 400, { error: 'invalid actuation' });
      const { actionId, plan } = parsed.data;
      state.received.push(actionId);
      if (state.refuseWith) return reply(res, state.refuseWith, { error: 'plan refused by the field' });
      const existing = state.applied.get(actionId);
      const status: ActuationStatus = existing
        ? { ...existing, duplicate: true }
        : (() => {
            const from = appliedAt();
            return { actionId, state: 'active', appliedAt: from, endsAt: new Date(Date.parse(from) + plan.durationMin * 60_000).toISOString(), duplicate: false };
          })();
      if (!existing) state.applied.set(actionId, status);
      if (state.hold) return; // carried out, but the answer is lost
      reply(res, 200, status);
    });
  });
  const l = await listen(server);
  return Object.assign(state, l);
}
