import type { Freshness, LayerDelta, LayerSnapshot, SnapshotAck } from '@/lib/protocol/socket';

/** What a check says of a raw payload: the typed value, or why it was refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; why: string };

/**
 * How a live sync checks what arrives on the socket. The control room checks every payload with
 * the lib/protocol schemas (zod-checks.ts); the public transit page, whose first view must stay
 * under 200 KB of JavaScript, trusts its own gateway (trusted-checks.ts), which validated the data
 * with those schemas before sending it. This module imports no zod, so either can be bundled alone.
 */
export interface EventChecks {
  ack: (raw: unknown) => Checked<SnapshotAck>;
  delta: (raw: unknown) => Checked<LayerDelta>;
  snapshot: (raw: unknown) => Checked<LayerSnapshot>;
  freshness: (raw: unknown) => Checked<Freshness>;
}
