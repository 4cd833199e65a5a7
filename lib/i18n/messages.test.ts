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

/**
 * ICU arguments a message interpolates ({name}, {n, plural, …}, {kind, select, …}); both languages
 * must use the same. A small parser, because the words of plural and select branches ({good},
 * {Crash}) are braced like arguments but are text.
 */
function argumentsOf(text: string): string[] {
  const found = new Set<string>();
  let i = 0;
  // A message: text and arguments, up to the brace that closes it (or the end).
  const message = (): void => {
    while (i < text.length && text[i] !== '}') {
      if (text[i] === '{') argument();
      else i++;
    }
  };
  const argument = (): void => {
    const head = /^\{\s*([A-Za-z_]\w*)\s*(?:,\s*(\w+)\s*)?(,|\})/.exec(text.slice(i));
    if (!head) throw new Error(`cannot read the argument at ${i} of "${text}"`);
    found.add(head[1] as string);
    i += head[0].length;
    if (head[3] === '}') return;
    if (head[2] === 'plural' || head[2] === 'select' || head[2] === 'selectordinal') {
      // Branches: a key (other, one, =1, crash, offset:1) and its message in braces, until the closing brace.
      while (i < text.length && text[i] !== '}') {
        if (text[i] === '{') {
          i++;
          message();
        }
        i++;
      }
    } else while (i < text.length && text[i] !== '}') i++; // a style or skeleton: no braces inside
    i++;
  };
  message();
  return [...found].sort();
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
