'use client';

import { useFormatter, useLocale, useTranslations } from 'use-intl';
import { categoryName, chartText } from '@/components/kpi/kpi-text';
import { useText } from '@/components/i18n/use-text';
import type { KpiChart } from '@/lib/protocol/kpi';

type Formatter = ReturnType<typeof useFormatter>;

/** "Mar 2, 14:00" or "3月2日 14:00" for hourly steps, "Mon, Mar 2" or "3月2日周一" for daily, in UTC (the city's time). */
export function formatStep(format: Formatter, iso: string, step: 'hour' | 'day'): string {
  const d = new Date(iso);
  return step === 'day'
    ? format.dateTime(d, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    : format.dateTime(d, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
}

/** A chart's words in the page's language: title, unit and series names, bar names, and how its numbers and times are written. */
export function useChartLabels(chart: KpiChart, step: 'hour' | 'day') {
  const t = useTranslations('kpi');
  const locale = useLocale();
  const format = useFormatter();
  const say = useText();
  const text = chartText(t, chart);
  /** A bar's name: a coded one (an action's title, and when it ended) in the page's language, else by the chart's ids. */
  const barName = (name: string) => {
    const coded = chart.nameTexts?.[name];
    const said = coded ? say(coded.text, '') : '';
    if (!coded || !said) return categoryName(t, locale, chart.id, name);
    return coded.at ? `${said} · ${formatStep(format, coded.at, 'hour')}` : said;
  };
  const num = (v: unknown) => (typeof v === 'number' ? format.number(v, { maximumFractionDigits: 3 }) : String(v));
  const time = (iso: string) => formatStep(format, iso, step);
  return { t, text, barName, num, time };
}
