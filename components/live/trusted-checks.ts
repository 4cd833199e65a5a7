import type { Freshness, LayerDelta, LayerSnapshot, SnapshotAck } from '@/lib/protocol/socket';
import type { Checked, EventChecks } from './event-checks';

const isObject = (raw: unknown): raw is Record<string, unknown> => typeof raw === 'object' && raw !== null;

/** Only the shape the sync relies on is looked at; the gateway validated the rest with lib/protocol. */
function trust<T>(keys: readonly string[]): (raw: unknown) => Checked<T> {
  return (raw) => {
    if (!isObject(raw)) return { ok: false, why: '(root): expected an object' };
    const missing = keys.find((k) => !(k in raw));
    return missing ? { ok: false, why: `${missing}: missing` } : { ok: true, value: raw as T };
  };
}

/** For the public page only (see event-checks.ts): no zod in its bundle. */
export const trustedChecks: EventChecks = {
  ack: trust<SnapshotAck>(['ok']),
  delta: trust<LayerDelta>(['layer', 'baseVersion', 'version', 'upsert', 'remove']),
  snapshot: trust<LayerSnapshot>(['layer', 'version', 'items']),
  freshness: trust<Freshness>(['layer', 'stale']),
};
