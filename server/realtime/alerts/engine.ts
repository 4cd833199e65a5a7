import { severityRank, type Alert, type AlertCondition } from '@/lib/protocol/alerts';
import type { AlertStore } from './alert-store';

interface Open {
  id: string;
  severity: Alert['severity'];
  /** Wall-clock ms the condition was last seen to hold. */
  lastSeen: number;
}

/**
 * Turns the conditions the rules find into alert lifecycles: a new condition raises an alert, a
 * worse one escalates it, and one that has not held for `resolveAfterMs` resolves it (the hold
 * keeps a value hovering at its threshold from raising a fresh alert every few seconds).
 * Returns what changed, for the gateway to send to every operator.
 */
export class AlertEngine {
  private readonly open = new Map<string, Open>();

  constructor(
    private readonly store: AlertStore,
    private readonly resolveAfterMs: number,
  ) {}

  /** Pick up the alerts left open by a previous poller (another gateway, or before a restart). */
  async load(nowMs: number): Promise<void> {
    this.open.clear();
    for (const a of await this.store.open()) this.open.set(a.key, { id: a.id, severity: a.severity, lastSeen: nowMs });
  }

  async evaluate(conditions: readonly AlertCondition[], nowMs: number): Promise<Alert[]> {
    const changed: Alert[] = [];
    const seen = new Set<string>();
    for (const c of conditions) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      const o = this.open.get(c.key);
      if (!o) {
        const raised = await this.store.raise(c, nowMs);
        if (raised) {
          this.open.set(c.key, { id: raised.id, severity: raised.severity, lastSeen: nowMs });
          changed.push(raised);
        } else {
          // Another gateway raised it a moment ago: adopt its alert.
          await this.load(nowMs);
        }
        continue;
      }
      o.lastSeen = nowMs;
      if (severityRank[c.severity] > severityRank[o.severity]) {
        const up = await this.store.escalate(o.id, c, nowMs);
        if (up) {
          o.severity = up.severity;
          changed.push(up);
        } else this.open.delete(c.key);
      }
    }
    for (const [key, o] of [...this.open]) {
      if (seen.has(key) || nowMs - o.lastSeen < this.resolveAfterMs) continue;
      this.open.delete(key);
      const resolved = await this.store.resolve(o.id, nowMs);
      if (resolved) changed.push(resolved);
    }
    return changed;
  }
}
