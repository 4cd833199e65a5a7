import { severityRank, type Alert } from '@/lib/protocol/alerts';

/** Query key of the alerts the socket keeps in the react-query cache (AlertBook). */
export const alertsKey = ['alerts'] as const;

/** Alerts by id, as this browser last heard of each. */
export type AlertBook = Readonly<Record<string, Alert>>;

/**
 * Take in alerts from the list or from live events: the newer version of each wins (an event
 * can overtake the list that was asked for before it), so an acknowledgement is never undone.
 */
export function mergeAlerts(book: AlertBook | undefined, incoming: readonly Alert[]): AlertBook {
  const next: Record<string, Alert> = { ...(book ?? {}) };
  for (const a of incoming) {
    const have = next[a.id];
    if (!have || a.updatedAt >= have.updatedAt) next[a.id] = a;
  }
  return next;
}

const statusRank = { new: 0, acknowledged: 1, resolved: 2 } as const;

/** For the panel: open before resolved, new before acknowledged, then the most severe, then the newest. */
export function orderAlerts(book: AlertBook | undefined): Alert[] {
  return Object.values(book ?? {}).sort(
    (a, b) =>
      statusRank[a.status] - statusRank[b.status] ||
      severityRank[b.severity] - severityRank[a.severity] ||
      (a.raisedAt < b.raisedAt ? 1 : a.raisedAt > b.raisedAt ? -1 : 0),
  );
}
