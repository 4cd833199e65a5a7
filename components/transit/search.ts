import type { TransitRoute, TransitStop } from '@/lib/protocol/transit';

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * Stops and routes matching what someone typed: every word must appear in the name (accents and
 * case ignored); names starting with the query come first. An empty query matches nothing.
 */
export function searchTransit(query: string, stops: readonly TransitStop[], routes: readonly TransitRoute[], limit = 20): { stops: TransitStop[]; routes: TransitRoute[] } {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return { stops: [], routes: [] };
  const score = (name: string) => {
    const n = fold(name);
    if (!words.every((w) => n.includes(w))) return -1;
    return n.startsWith(words[0]) ? 0 : 1;
  };
  const rank = <T>(items: readonly T[], nameOf: (t: T) => string) =>
    items
      .map((t) => ({ t, s: score(nameOf(t)) }))
      .filter((x) => x.s >= 0)
      .sort((a, b) => a.s - b.s || nameOf(a.t).localeCompare(nameOf(b.t)))
      .slice(0, limit)
      .map((x) => x.t);
  return { stops: rank(stops, (s) => s.name), routes: rank(routes, (r) => `${r.shortName} ${r.longName}`) };
}
