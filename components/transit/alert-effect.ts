import type { TransitT } from './countdown';

/**
 * What an alert without a header is about, from its GTFS-Realtime effect (an enum name such as
 * DETOUR): translated when it is one of the standard effects, else the name made readable.
 */
export function alertEffect(t: TransitT, effect: string): string {
  const key = `alerts.effects.${effect}` as Parameters<TransitT>[0];
  return t.has(key) ? t(key) : effect.replaceAll('_', ' ').toLowerCase();
}
