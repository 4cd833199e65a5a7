import { compassPoint, rainLabel, sunshineLabel } from '@/lib/map/weather-readout';
import type { Translator } from '../control-room/locale-format';

// lib/map/weather-readout.ts classifies in English words; these map each class to its message.
// weather-words.test.ts runs every class through it, so a new class without a message fails there.
const rainKeys: Record<string, 'dry' | 'light' | 'moderate' | 'heavy' | 'violent'> = {
  Dry: 'dry',
  'Light rain': 'light',
  'Moderate rain': 'moderate',
  'Heavy rain': 'heavy',
  'Violent rain': 'violent',
};
const sunKeys: Record<string, 'dark' | 'dull' | 'spells' | 'bright'> = { Dark: 'dark', Dull: 'dull', 'Sunny spells': 'spells', 'Bright sun': 'bright' };
const points = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
type Point = (typeof points)[number];
const isPoint = (p: string): p is Point => (points as readonly string[]).includes(p);

/** Rain intensity in the page's language; the English class when there is no message for it. */
export function rainWords(t: Translator<'layers'>, mmPerHour: number): string {
  const label = rainLabel(mmPerHour);
  const key = rainKeys[label];
  return key ? t(`weather.rainKind.${key}`) : label;
}

/** Sunshine in the page's language. */
export function sunshineWords(t: Translator<'layers'>, wm2: number): string {
  const label = sunshineLabel(wm2);
  const key = sunKeys[label];
  return key ? t(`weather.sunKind.${key}`) : label;
}

/** The eight-point compass direction, short ("SW", 西南) and spelt out for screen readers. */
export function compassWords(t: Translator<'layers'>, deg: number): { point: string; name: string } {
  const p = compassPoint(deg);
  return isPoint(p) ? { point: t(`weather.point.${p}`), name: t(`weather.compass.${p}`) } : { point: p, name: p };
}
