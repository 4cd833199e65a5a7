import type { TrafficReading } from '@/lib/protocol/traffic';
import type { TrafficState } from '@/lib/protocol/models-api';
import type { Observation } from '../store/store';

/**
 * The current traffic state, in memory: the newest reading per segment. The gateway polls it
 * every second or two, so its JSON is built once per change, not once per request.
 */
export class TrafficStateCache {
  private readonly items = new Map<string, TrafficReading & { at: number }>();
  private source: string | null = null;
  private newest = 0;
  private json: string | null = null;

  /** Apply observations; an older one than held for its segment does not replace it. */
  apply(observations: readonly Observation[]): void {
    for (const o of observations) {
      const at = Date.parse(o.observedAt);
      const held = this.items.get(o.segmentId);
      if (held && held.at >= at) continue;
      this.items.set(o.segmentId, { speedKmh: o.speedKmh, flowVph: o.flowVph, occupancy: o.occupancy, observedAt: o.observedAt, at });
      if (at >= this.newest) {
        this.newest = at;
        this.source = o.source;
      }
      this.json = null;
    }
  }

  reading(segmentId: string): (TrafficReading & { at: number }) | undefined {
    return this.items.get(segmentId);
  }

  get newestAt(): Date | null {
    return this.newest ? new Date(this.newest) : null;
  }

  toJson(): string {
    if (this.json === null) {
      const items: TrafficState['items'] = {};
      for (const [id, r] of this.items)
        items[id] = { speedKmh: r.speedKmh, flowVph: r.flowVph, occupancy: r.occupancy, observedAt: r.observedAt };
      const body: TrafficState = { source: this.source, asOf: this.newest ? new Date(this.newest).toISOString() : null, items };
      this.json = JSON.stringify(body);
    }
    return this.json;
  }
}
