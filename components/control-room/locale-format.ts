import type { Formatter } from '@/lib/i18n/translator';

export type { Formatter, Translator } from '@/lib/i18n/translator';

/** The few number and time shapes the control room shows, in the viewer's locale and the city's zone. */
export interface LocaleFormat {
  /** A number with exactly `digits` decimals, grouped per locale. */
  fixed: (v: number, digits?: number) => string;
  /** Clock time HH:mm:ss (24-hour in both languages: an operations room reads 24-hour time). */
  clock: (t: string | number) => string;
  /** HH:mm, for chart axes and the timeline. */
  hourMinute: (t: string | number) => string;
  /** Date and time in full, for hover titles. */
  dateTime: (t: string | number) => string;
}

const time = (format: Formatter, t: string | number, withSeconds: boolean, empty: string) => {
  const d = new Date(t);
  if (Number.isNaN(d.getTime())) return empty;
  return format.dateTime(d, { hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}), hourCycle: 'h23' });
};

export function localeFormat(format: Formatter): LocaleFormat {
  return {
    fixed: (v, digits = 0) => format.number(v, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    clock: (t) => time(format, t, true, '--:--:--'),
    hourMinute: (t) => time(format, t, false, '--:--'),
    dateTime: (t) => {
      const d = new Date(t);
      return Number.isNaN(d.getTime()) ? '' : format.dateTime(d, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' });
    },
  };
}
