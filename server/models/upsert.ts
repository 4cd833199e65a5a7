import { upsertBatchSchema } from '@/lib/protocol/ngsi';
import { issuesOf, type FieldIssue } from '@/lib/validation';
import type { Store } from '../store/store';
import type { ModelsDomain } from './domain';
import { planUpsert } from './ingest';
import type { TrafficStateCache } from './state';

/** Why a batch was refused: a schema violation, or a reference to something nobody registered. */
export type UpsertRefusal = { code: 'bad-request' | 'unknown-segment' | 'invalid-reference'; message: string; issues: FieldIssue[] };
export type UpsertOutcome = { ok: true; entities: number } | ({ ok: false } & UpsertRefusal);

export interface UpsertDeps {
  store: Store;
  /** Road segments registered so far (grows as RoadSegments arrive). */
  known: Set<string>;
  state: TrafficStateCache;
  domains: readonly ModelsDomain[];
}

const refuse = (code: UpsertRefusal['code'], what: string, issues: FieldIssue[]): UpsertOutcome => ({
  ok: false,
  code,
  message: `invalid ${what}: ${issues[0] ? `${issues[0].path || '(root)'}: ${issues[0].message}` : 'invalid'}`,
  issues,
});

/**
 * The core of NGSI-LD ingest, whatever the transport (HTTP upsert, MQTT message): validate the
 * batch with the one schema, let every domain plan its part, then write all of it in one
 * transaction and update the in-memory state. A refused batch changes nothing.
 */
export function createUpsert(deps: UpsertDeps): (body: unknown) => Promise<UpsertOutcome> {
  const { store, known, state, domains } = deps;
  return async (body) => {
    const parsed = upsertBatchSchema.safeParse(body);
    if (!parsed.success) return refuse('bad-request', 'entities', issuesOf(parsed.error));
    const batch = parsed.data;
    const plan = planUpsert(batch, known);
    if (plan.issues.length) return refuse('unknown-segment', 'entities', plan.issues);
    // Every domain plans its part first; one issue anywhere refuses the whole batch.
    const plans = domains.flatMap((d) => (d.planUpsert ? [d.planUpsert(batch)] : []));
    const issues = plans.flatMap((p) => p.issues);
    if (issues.length) return refuse('invalid-reference', 'entities', issues);
    await store.transaction(async (tx) => {
      if (plan.segments.length) await store.upsertSegments(plan.segments, tx);
      if (plan.observations.length) await store.insertObservations(plan.observations, tx);
      for (const p of plans) await p.write(tx);
    });
    for (const s of plan.segments) known.add(s.id);
    state.apply(plan.observations);
    for (const p of plans) p.apply();
    return { ok: true, entities: batch.length };
  };
}
