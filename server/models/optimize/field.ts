import type { ActionPlan, Impact, SignalIntersection } from '@/lib/protocol/actuation';

/**
 * What the optimisers need of the field (the twin's actuation API, or an adapter to real
 * controllers): its signalised intersections, and a what-if that runs it forward from now with and
 * without a plan. Any failure of these is the field's, answered 503 by the optimisers.
 */
export interface Field {
  intersections(): Promise<SignalIntersection[]>;
  whatIf(plan: ActionPlan, horizonMin: number): Promise<Impact>;
}

/** The field could not answer (down, refused the plan, or timed out). */
export class FieldUnavailable extends Error {}

/** How long a fetched intersection list is reused: signals are built rarely, timings change with actions. */
const INTERSECTIONS_TTL_MS = 60_000;

/**
 * Keeps the field's intersection list for a minute (every signals request needs it, and it is the
 * city's whole set of junctions), and turns every failure into FieldUnavailable.
 */
export class CachedField implements Field {
  private held: { at: number; list: SignalIntersection[]; byId: Map<string, SignalIntersection> } | null = null;
  private pending: Promise<SignalIntersection[]> | null = null;

  constructor(
    private readonly field: Field,
    private readonly now: () => number = Date.now,
  ) {}

  async intersections(): Promise<SignalIntersection[]> {
    if (this.held && this.now() - this.held.at < INTERSECTIONS_TTL_MS) return this.held.list;
    this.pending ??= this.field
      .intersections()
      .then((list) => {
        this.held = { at: this.now(), list, byId: new Map(list.map((i) => [i.id, i])) };
        return list;
      })
      .catch((err: unknown) => {
        throw new FieldUnavailable(`the field's signal list is unavailable: ${err instanceof Error ? err.message : String(err)}`);
      })
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  async intersection(id: string): Promise<SignalIntersection | undefined> {
    await this.intersections();
    return this.held?.byId.get(id);
  }

  async whatIf(plan: ActionPlan, horizonMin: number): Promise<Impact> {
    try {
      return await this.field.whatIf(plan, horizonMin);
    } catch (err) {
      throw new FieldUnavailable(`the field could not run the what-if: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
