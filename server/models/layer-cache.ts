import type { LayerItem, LayerName, LayerState } from '@/lib/protocol/layers';

/**
 * The current state of one live layer, in memory: the newest item per id. The gateway polls it
 * every second or two, so its JSON is built once per change, not once per request.
 */
export class LayerCache<L extends LayerName = LayerName> {
  private readonly items = new Map<string, { item: LayerItem<L>; at: number }>();
  private source: string | null = null;
  private newest = 0;
  private json: string | null = null;

  constructor(readonly layer: L) {}

  /** Set an item observed at `atMs`; an older one than held for its id does not replace it. */
  set(id: string, item: LayerItem<L>, atMs: number, source: string | null): void {
    const held = this.items.get(id);
    if (held && held.at > atMs) return;
    this.items.set(id, { item, at: atMs });
    if (atMs >= this.newest) {
      this.newest = atMs;
      this.source = source;
    }
    this.json = null;
  }

  /** Data up to `atMs` arrived, even if no item changed (e.g. every incident has ended): the layer is current. */
  touch(atMs: number, source: string | null): void {
    if (atMs <= this.newest) return;
    this.newest = atMs;
    this.source = source;
    this.json = null;
  }

  delete(id: string): void {
    if (this.items.delete(id)) this.json = null;
  }

  /** Ids held, e.g. to remove what a full feed no longer lists. */
  ids(): string[] {
    return [...this.items.keys()];
  }

  get(id: string): LayerItem<L> | undefined {
    return this.items.get(id)?.item;
  }

  get size(): number {
    return this.items.size;
  }

  get newestAt(): Date | null {
    return this.newest ? new Date(this.newest) : null;
  }

  toJson(): string {
    if (this.json === null) {
      const items: Record<string, LayerItem<L>> = {};
      for (const [id, { item }] of this.items) items[id] = item;
      const body: LayerState<L> = { source: this.source, asOf: this.newest ? new Date(this.newest).toISOString() : null, items };
      this.json = JSON.stringify(body);
    }
    return this.json;
  }
}
