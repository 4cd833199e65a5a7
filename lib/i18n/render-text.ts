import type { Text } from '../protocol/texts';
import type { Locale } from './locale-constants';
import type { Translator } from './translator';

/** An ISO 8601 date-time: a time parameter, handed to the message as a Date to format per locale. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

type Argument = string | number | Date;
/** What a parameter can be on the wire (lib/protocol/texts.ts). */
type Param = string | number | readonly string[] | readonly number[];

/** A parameter as its message takes it: times as Dates, lists joined the reader's way, the rest as sent. */
function argumentOf(value: Param, locale: Locale): Argument {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return ISO_DATE_TIME.test(value) ? new Date(value) : value;
  // A list: of figures in one unit ("12, 30 s"), or of names ("A, B and C").
  const list: ReadonlyArray<string | number> = value;
  const numeric = list.some((v) => typeof v === 'number');
  const items = list.map((v) => (typeof v === 'number' ? new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v) : v));
  // Figures are listed without "and" (the 'unit' type runs them together in Chinese: "1622").
  return new Intl.ListFormat(locale, { style: numeric ? 'narrow' : 'long', type: 'conjunction' }).format(items);
}

/**
 * A text the server sent as a code and parameters, in the reader's language. Without a code (a
 * row stored before codes, or one from a newer version this catalogue does not have), the
 * English the server wrote beside it.
 */
export function renderText(t: Translator<'texts'>, locale: Locale, text: Text | null | undefined, fallback: string): string {
  if (!text || !t.has(text.code)) return fallback;
  const args: Record<string, Argument> = {};
  for (const [k, v] of Object.entries(text.params as Record<string, Param>)) args[k] = argumentOf(v, locale);
  return t(text.code, args);
}
