import type { z } from 'zod';
import type { ProposeRequest } from '@/lib/protocol/actions';
import { proposalSchema, type ActionPlan, type ActuationStatus, type Proposal } from '@/lib/protocol/actuation';
import { TwinActuationClient, TwinActuationError } from '../../twin/actuation/client';

/**
 * What the workflow needs of the outside: an optimiser (the model services, POST /v1/optimize/…)
 * and the field (the twin's actuation API, or an adapter to real controllers, POST /v1/actuations).
 * Interfaces, so a test can stand up small loopback servers that speak the same contract.
 */
export interface Optimiser {
  propose(req: ProposeRequest): Promise<Proposal>;
}

export interface Field {
  /** Idempotent by action id at the field: sending it again does nothing again. */
  actuate(actionId: string, plan: ActionPlan): Promise<ActuationStatus>;
  rollback(actionId: string): Promise<ActuationStatus>;
}

/** The other side understood and said no (4xx): retrying will not help. */
export class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'Refused';
  }
}

const TIMEOUT_MS = 20_000;

async function postValid<S extends z.ZodType>(url: string, body: unknown, schema: S): Promise<z.infer<S>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  if (res.status >= 400 && res.status < 500) {
    let message = text.slice(0, 300);
    try {
      // The model services answer {error: {code, message}}; others {error: "…"}.
      const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
      const e = parsed.error;
      message = String((typeof e === 'object' && e !== null ? e.message : e) ?? parsed.message ?? message);
    } catch {
      // Not JSON: the text itself says why.
    }
    throw new Refused(res.status, message || `answered ${res.status}`);
  }
  if (!res.ok) throw new Error(`${new URL(url).pathname} answered ${res.status}`);
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`invalid answer from ${new URL(url).pathname}: ${parsed.error.issues[0]?.message ?? 'bad body'}`);
  return parsed.data;
}

/** The model services' optimisers. */
export function httpOptimiser(modelsUrl: string): Optimiser {
  return {
    propose: (req) => {
      switch (req.kind) {
        case 'signal-retiming':
          return postValid(`${modelsUrl}/v1/optimize/signals`, { corridor: req.corridor }, proposalSchema);
        case 'demand-response':
          return postValid(`${modelsUrl}/v1/optimize/grid`, { feederId: req.feederId }, proposalSchema);
        case 'traffic-restriction':
          return postValid(`${modelsUrl}/v1/optimize/air`, { stationId: req.stationId }, proposalSchema);
      }
    },
  };
}

/** The twin's actuation API (or a field adapter speaking it), through the twin's typed client. */
export function httpField(baseUrl: string): Field {
  const client = new TwinActuationClient(baseUrl, TIMEOUT_MS);
  const refusal = (err: unknown): never => {
    if (err instanceof TwinActuationError && err.status >= 400 && err.status < 500) throw new Refused(err.status, err.message);
    throw err;
  };
  return {
    actuate: (actionId, plan) => client.actuate({ actionId, plan }).catch(refusal),
    rollback: (actionId) => client.rollback(actionId).catch(refusal),
  };
}
