import type { useTranslations } from 'use-intl';
import { aqiLabels } from '@/lib/domain/aqi';
import { WHO_PM25_24H_UGM3 } from '@/lib/domain/kpi';
import { roadClassLabel, roadClassSchema } from '@/lib/domain/road';
import { actionKindSchema } from '@/lib/protocol/actuation';
import type { KpiChart, KpiFigure, KpiSection } from '@/lib/protocol/kpi';
import type { Locale } from '@/lib/i18n/locales';

/**
 * The KPI report arrives in English from the model services (and the web process for actions).
 * Its text is translated here from the stable ids beside it: chart id, series key, figure key,
 * section. Whatever has no message yet (a chart added on the server later) shows the server's
 * English, and kpi-text.test.ts fails until it gets one.
 */
export type KpiT = ReturnType<typeof useTranslations<'kpi'>>;
type Key = Parameters<KpiT>[0];

/** The message key if the catalogue has it. Keys are built from server ids, so checked at run time. */
const known = (t: KpiT, key: string): Key | null => (t.has(key as Key) ? (key as Key) : null);

/**
 * Units are a small closed vocabulary the server writes as text (no id beside them); this maps
 * each to its message. A unit not listed (an action's own metric unit) is data and shown as is.
 */
const UNIT_KEYS: Record<string, string> = {
  '%': 'percent',
  'km/h': 'kmh',
  'veh·km': 'vehKm',
  min: 'min',
  MWh: 'mwh',
  kW: 'kw',
  'feeder·min': 'feederMin',
  AQI: 'aqi',
  'AQI (US EPA)': 'aqiEpa',
  'AQI (HJ 633)': 'aqiHj',
  'US EPA AQI': 'epaAqi',
  'HJ 633 AQI': 'hjAqi',
  h: 'hours',
  'µg/m³': 'ugm3',
  days: 'days',
  cv: 'cv',
  arrivals: 'arrivals',
  actions: 'actions',
  'ratio (1.0 = free flow)': 'ttiRatio',
  'travel time index; km/h; %': 'byClass',
  'MWh; kW': 'bySubstation',
  '%; min; cv': 'byRoute',
  'metric units': 'metricUnits',
};

/** "Not available yet" notes: free text on the wire, matched exactly to their messages. */
const MISSING_KEYS: Record<string, string> = {
  'Demand response delivered: no demand-response actions are recorded yet (actions, issue 10).': 'demandResponse',
  'Load forecast vs actual: forecasts are not stored for past periods yet.': 'loadForecast',
  'AQI forecast vs actual: air forecasts are not stored for past periods yet.': 'aqiForecast',
  'No stop arrivals observed yet: they are recorded from the GTFS-Realtime vehicle positions as buses stop.': 'noArrivals',
  'No actions recorded yet.': 'noActions',
};

const FORECAST_SERIES = new Set(['actual', 'forecast', 'low', 'high']);

export const unitKey = (t: KpiT, unit: string): Key | null => (UNIT_KEYS[unit] ? known(t, `units.${UNIT_KEYS[unit]}`) : null);
export const missingKey = (t: KpiT, text: string): Key | null => (MISSING_KEYS[text] ? known(t, `missing.${MISSING_KEYS[text]}`) : null);
export const figureKey = (t: KpiT, section: KpiSection, key: string, part: 'label' | 'definition'): Key | null => known(t, `figures.${section}.${key}.${part}`);
export const chartKey = (t: KpiT, id: string, part: 'title' | 'note'): Key | null => known(t, `charts.${id}.${part}`);

/**
 * A series' label: the chart's own message, else by what it is: a forecast chart's actual,
 * forecast and band (ids like "energy-…-forecast"), or this period against the previous one.
 */
export function seriesKey(t: KpiT, chart: Pick<KpiChart, 'id' | 'series'>, s: KpiChart['series'][number]): Key | null {
  const own = known(t, `series.${chart.id}.${s.key}`);
  if (own) return own;
  if (chart.id.endsWith('-forecast') && FORECAST_SERIES.has(s.key)) return known(t, `series.forecast.${s.key}`);
  if (s.role === 'previous') return known(t, 'series.period.previous');
  if (s.role === 'actual' && chart.series.some((o) => o.role === 'previous')) return known(t, 'series.period.actual');
  return null;
}

/** Numbers the server writes into its English text, passed to the messages as arguments. */
const number = (text: string | undefined, re: RegExp): number | undefined => {
  const m = text ? re.exec(text) : null;
  return m ? Number(m[1]) : undefined;
};

/** An AQI category's name in the locale: the server sends the English one; lib/domain/aqi has both. */
export function aqiCategory(locale: Locale, english: string): string {
  if (locale !== 'zh-CN') return english;
  for (const labels of Object.values(aqiLabels)) for (const l of labels) if (l.en === english) return l.zh;
  return english;
}

/** Names the report uses as categories (bar chart rows, filter options) that are ids in disguise: road classes, action kinds, AQI categories. */
export function categoryName(t: KpiT, locale: Locale, chartId: string, name: string): string {
  if (chartId === 'traffic-by-class') {
    const rc = roadClassSchema.options.find((c) => roadClassLabel[c] === name);
    return rc ? t(`roadClasses.${rc}`) : name;
  }
  if (chartId === 'actions-by-kind') {
    const kind = actionKindSchema.safeParse(name);
    return kind.success ? t(`actionKinds.${kind.data}`) : name;
  }
  if (chartId === 'air-hours-category') return aqiCategory(locale, name);
  return name;
}

/** A filter option's label: road classes and action kinds are translated, stations and routes are names. */
export function filterOptionLabel(t: KpiT, section: KpiSection, o: { value: string; label: string }): string {
  if (section === 'traffic') {
    const rc = roadClassSchema.safeParse(o.value);
    return rc.success ? t(`roadClasses.${rc.data}`) : o.label;
  }
  if (section === 'actions') {
    const kind = actionKindSchema.safeParse(o.value);
    return kind.success ? t(`actionKinds.${kind.data}`) : o.label;
  }
  return o.label;
}

export const unitText = (t: KpiT, unit: string): string => {
  const k = unitKey(t, unit);
  return k ? t(k) : unit;
};

export const missingText = (t: KpiT, text: string): string => {
  const k = missingKey(t, text);
  return k ? t(k) : text;
};

/** A headline figure's label, unit and definition in the locale. */
export function figureText(t: KpiT, locale: Locale, section: KpiSection, f: KpiFigure): { label: string; unit: string; definition: string } {
  const label = figureKey(t, section, f.key, 'label');
  const definition = figureKey(t, section, f.key, 'definition');
  const values = {
    category: aqiCategory(locale, /"(.+)"/.exec(f.label)?.[1] ?? ''),
    count: number(f.definition, /\((\d+)\)\.?$/) ?? 0,
    limit: WHO_PM25_24H_UGM3,
  };
  return { label: label ? t(label, values) : f.label, unit: f.unit ? unitText(t, f.unit) : '', definition: definition ? t(definition, values) : f.definition };
}

/** A chart's title, unit, note and series labels in the locale. */
export function chartText(t: KpiT, chart: KpiChart): { title: string; unit: string; note: string | undefined; series: Map<string, string> } {
  const title = chartKey(t, chart.id, 'title');
  const note = chartKey(t, chart.id, 'note');
  const values = { weeks: number(chart.note, /(\d+) preceding weeks/) ?? 4, limit: WHO_PM25_24H_UGM3 };
  return {
    title: title ? t(title) : chart.title,
    unit: unitText(t, chart.unit),
    note: chart.note === undefined ? undefined : note ? t(note, values) : chart.note,
    series: new Map(
      chart.series.map((s) => {
        const k = seriesKey(t, chart, s);
        return [s.key, k ? t(k, values) : s.label];
      }),
    ),
  };
}
