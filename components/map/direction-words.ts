import { directionHint } from '@/lib/map/direction';
import type { LonLat } from '@/lib/domain/road';
import type { Translator } from '../control-room/locale-format';

const hints = ['northbound', 'north-eastbound', 'eastbound', 'south-eastbound', 'southbound', 'south-westbound', 'westbound', 'north-westbound'] as const;
type Hint = (typeof hints)[number];
const isHint = (h: string): h is Hint => (hints as readonly string[]).includes(h);

/** Which way a directed segment runs, in the page's language (lib/map/direction.ts names it in English). */
export function directionWords(t: Translator<'map'>, path: readonly LonLat[]): string | null {
  const hint = directionHint(path);
  if (hint === null) return null;
  return isHint(hint) ? t(`direction.${hint}`) : hint;
}
