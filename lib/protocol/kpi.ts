import { z } from 'zod';
import { textSchema } from './texts';

/**
 * KPI reports for managers (GET /v1/kpi/{section}, GET /api/kpi/{section}): a period's summary
 * figures with the previous period's, and the data of every chart on the page. Definitions:
 * docs/KPI.md and lib/domain/kpi.ts.
 */
const isoDateTime = z.iso.datetime({ offset: true });

export const kpiSections = ['traffic', 'energy', 'air', 'transit', 'actions'] as const;
export const kpiSectionSchema = z.enum(kpiSections);
export type KpiSection = z.infer<typeof kpiSectionSchema>;
/** Sections the model services report on; `actions` comes from the web process's own store (GET /api/kpi/actions). */
export const modelsKpiSectionSchema = kpiSectionSchema.exclude(['actions']);
export type ModelsKpiSection = z.infer<typeof modelsKpiSectionSchema>;
/** Where the web process serves the actions report (filter: an action kind). */
export const ACTIONS_KPI_PATH = '/api/kpi/actions';

export const kpiRanges = ['day', 'week', 'month', 'custom'] as const;
export const kpiRangeSchema = z.enum(kpiRanges);
export type KpiRange = z.infer<typeof kpiRangeSchema>;

/** Longest custom period: a quarter, served from the hourly rollups. */
export const MAX_KPI_DAYS = 92;

/** Road classes a traffic report may be filtered to (lib/domain/road.ts). */
export const kpiFilterSchema = z.string().regex(/^[a-z_]{1,40}$/, 'must be a lowercase name such as "primary"');

/**
 * The query of a report, as it stands in the page URL and the API: a range ending at `end`
 * (default: the newest data), or a custom `from`–`to`; an optional breakdown filter.
 */
export const kpiQuerySchema = z
  .object({
    range: kpiRangeSchema.default('day'),
    end: isoDateTime.optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
    /** traffic: a road class; energy: a substation id; air: a station id; transit: a route id; actions: a kind. */
    filter: kpiFilterSchema.or(z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be an id')).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.range !== 'custom') return;
    if (!q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required when range is custom' });
    if (!q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is required when range is custom' });
    if (q.from && q.to) {
      const ms = Date.parse(q.to) - Date.parse(q.from);
      if (ms <= 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
      else if (ms > MAX_KPI_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_KPI_DAYS} days after from` });
    }
  });
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

const cell = z.union([z.number(), z.string(), z.null()]);

/** One headline figure of the period, with the same figure over the previous period. */
export const kpiFigureSchema = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  /** Whether a higher value is better (for the change's colour); null when neither. */
  higherIsBetter: z.boolean().nullable(),
  definition: z.string(),
});
export type KpiFigure = z.infer<typeof kpiFigureSchema>;

/** How a series is drawn: the period, the previous one (dashed), a forecast with its band, a limit line. */
export const kpiSeriesRoleSchema = z.enum(['actual', 'previous', 'forecast', 'low', 'high', 'threshold']);

/** The data of one chart: rows keyed by `x` plus one column per series; exported as CSV as is. */
export const kpiChartSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  unit: z.string(),
  kind: z.enum(['line', 'bar', 'band']),
  /** Name of the x column: `t` (ISO time) for time series, `name` for breakdowns. */
  x: z.enum(['t', 'name']),
  series: z.array(z.object({ key: z.string(), label: z.string(), role: kpiSeriesRoleSchema })),
  rows: z.array(z.record(z.string(), cell)),
  /** Newest data the chart is drawn from; null when it has none. */
  asOf: isoDateTime.nullable(),
  note: z.string().optional(),
  /**
   * Row names that are texts rather than ids or data (an action's title), by the name: the text as
   * a message code for any language and, for an event, when it was. The name stays the English (CSV).
   */
  nameTexts: z.record(z.string(), z.object({ text: textSchema, at: isoDateTime.optional() })).optional(),
});
export type KpiChart = z.infer<typeof kpiChartSchema>;

export const kpiReportSchema = z.object({
  section: kpiSectionSchema,
  range: kpiRangeSchema,
  from: isoDateTime,
  to: isoDateTime,
  previousFrom: isoDateTime,
  /** Step of the time series: hourly up to a week, daily beyond. */
  step: z.enum(['hour', 'day']),
  filter: z.string().nullable(),
  /** What the filter may be set to (road classes, substations, stations). */
  filterOptions: z.array(z.object({ value: z.string(), label: z.string() })),
  asOf: isoDateTime.nullable(),
  figures: z.array(kpiFigureSchema),
  charts: z.array(kpiChartSchema),
  /** KPIs of the section the store has no data for yet, said plainly. */
  missing: z.array(z.string()),
});
export type KpiReport = z.infer<typeof kpiReportSchema>;

/**
 * GET /v1/kpi/traffic/raw: the network totals over [from, to) straight from the 5-minute table
 * (no rollup), for checking the report against the store.
 */
export const kpiTrafficRawQuerySchema = z.object({ from: isoDateTime, to: isoDateTime, filter: kpiFilterSchema.optional() });
export const kpiTrafficRawSchema = z.object({
  from: isoDateTime,
  to: isoDateTime,
  rows: z.number().int(),
  vkt: z.number(),
  vht: z.number(),
  vhtFree: z.number(),
  vktCongested: z.number(),
});
export type KpiTrafficRaw = z.infer<typeof kpiTrafficRawSchema>;

/** GET /v1/kpi/transit/raw: observed arrivals over [from, to) counted straight from the arrivals table, to check the report. */
export const kpiTransitRawQuerySchema = z.object({ from: isoDateTime, to: isoDateTime, filter: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be an id').optional() });
export const kpiTransitRawSchema = z.object({ from: isoDateTime, to: isoDateTime, arrivals: z.number().int(), onTime: z.number().int(), delaySumS: z.number() });
export type KpiTransitRaw = z.infer<typeof kpiTransitRawSchema>;
