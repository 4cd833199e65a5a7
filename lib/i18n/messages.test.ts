import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import { MESSAGES, NAMESPACES } from './messages';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a message tree as [dotted key, text]. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}

/** ICU arguments a message interpolates ({name}, {n, plural, …}); both languages must use the same. */
function argumentsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((m) => m[1] as string))].sort();
}

/**
 * Words that stay the same in Chinese text: units, pollutant and standard names, brands. A zh-CN
 * message equal to its English one is allowed only when every Latin word in it is listed here.
 */
const SAME_IN_CHINESE = new Set(['AQI', 'PM2', 'PM10', 'NO2', 'O3', 'CO', 'SO2', 'WHO', 'EPA', 'HJ', 'GTFS', 'GTFS-RT', 'CSV', 'Polis', 'km', 'h', 'km/h', 'kW', 'kWh', 'MW', 'MWh', 'µg', 'm³', 'ppb', 'min', 's', 'ms', 'P10', 'P50', 'P90', 'MAE', 'RMSE', 'MAPE', 'GRU', 'ID', 'OK', 'English', 'kV', 'veh', 'NGSI-LD', 'MQTT', 'API', 'URL', 'e.g']);

const en = MESSAGES.en as unknown as Tree;
const enLeaves = new Map(leaves(en));

describe('translations', () => {
  it('list every namespace file that exists on disk, in both languages', () => {
    for (const locale of LOCALES) {
      const files = readdirSync(join(import.meta.dirname, 'messages', locale)).map((f) => f.replace(/\.json$/, '')).sort();
      expect(files).toEqual([...NAMESPACES].sort());
    }
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    const other = new Map(leaves(MESSAGES[locale] as unknown as Tree));

    it(`have every English key in ${locale}`, () => {
      expect([...enLeaves.keys()].filter((k) => !other.has(k))).toEqual([]);
    });

    it(`have no key in ${locale} that English lacks`, () => {
      expect([...other.keys()].filter((k) => !enLeaves.has(k))).toEqual([]);
    });

    it(`use the same placeholders in ${locale} as in English`, () => {
      const differing = [...enLeaves].filter(([k, v]) => other.has(k) && argumentsOf(v).join() !== argumentsOf(other.get(k) as string).join()).map(([k]) => k);
      expect(differing).toEqual([]);
    });

    it(`leave no English text untranslated in ${locale}`, () => {
      const untranslated = [...enLeaves]
        .filter(([k, v]) => other.get(k) === v)
        .filter(([, v]) => (v.match(/[A-Za-z][A-Za-z0-9.\-/³]*/g) ?? []).some((w) => !SAME_IN_CHINESE.has(w)))
        .map(([k]) => k);
      expect(untranslated).toEqual([]);
    });
  }

  it('have no empty message in any language', () => {
    for (const locale of LOCALES) {
      expect(leaves(MESSAGES[locale] as unknown as Tree).filter(([, v]) => v.trim() === '').map(([k]) => `${locale}:${k}`)).toEqual([]);
    }
  });
});
