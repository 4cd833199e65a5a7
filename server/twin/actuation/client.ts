import {
  actuationStatusSchema,
  impactSchema,
  signalIntersectionsSchema,
  type ActionPlan,
  type ActuationRequest,
  type ActuationStatus,
  type Impact,
  type SignalIntersection,
} from '@/lib/protocol/actuation';
import type { FieldIssue } from '@/lib/validation';

/** The twin refused a request (4xx) or failed (5xx); `issues` name the bad fields of a 400. */
export class TwinActuationError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'TwinActuationError';
  }
}

/**
 * A typed client of the twin's actuation API (server/twin/actuation/server.ts), for the gateway's
 * action workflow and the optimisers. Answers are checked with the same lib/protocol schemas.
 */
export class TwinActuationClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 30_000,
  ) {}

  /** Carry a plan out; a retry with the same actionId answers duplicate: true and does nothing again. */
  async actuate(req: ActuationRequest): Promise<ActuationStatus> {
    return actuationStatusSchema.parse(await this.call('POST', '/v1/actuations', req));
  }

  /** The actuation's status; null when the twin does not know it. */
  async status(actionId: string): Promise<ActuationStatus | null> {
    try {
      return actuationStatusSchema.parse(await this.call('GET', `/v1/actuations/${encodeURIComponent(actionId)}`));
    } catch (err) {
      if (err instanceof TwinActuationError && err.status === 404) return null;
      throw err;
    }
  }

  async rollback(actionId: string): Promise<ActuationStatus> {
    return actuationStatusSchema.parse(await this.call('POST', `/v1/actuations/${encodeURIComponent(actionId)}/rollback`));
  }

  /** Run the twin forward from now with and without the plan (a few seconds for 30 min). */
  async whatIf(plan: ActionPlan, horizonMin: number): Promise<Impact> {
    return impactSchema.parse(await this.call('POST', '/v1/what-if', { plan, horizonMin }));
  }

  async intersections(): Promise<SignalIntersection[]> {
    return signalIntersectionsSchema.parse(await this.call('GET', '/v1/signals/intersections')).intersections;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const err = (json ?? {}) as { error?: string; issues?: FieldIssue[] };
      throw new TwinActuationError(res.status, `twin ${method} ${path}: ${res.status} ${err.error ?? res.statusText}`, err.issues ?? []);
    }
    return json;
  }
}
