import type { KpiChart } from '@/lib/protocol/kpi';

/**
 * How a KPI chart looks, shared by the server-drawn first paint (StaticChart) and the interactive
 * recharts view (KpiChartView), so the one can replace the other without the chart moving.
 */
export const AXIS = '#8b96a5';
export const GRID = '#26303b';
/** Colour-blind-safe (Okabe–Ito): blue for this period, orange for the previous, purple for forecasts. */
export const ROLE_COLOUR = { actual: '#56b4e9', previous: '#e69f00', forecast: '#cc79a7', low: '#cc79a7', high: '#cc79a7', threshold: '#d55e00' } as const;
export const BAR_COLOURS = ['#56b4e9', '#009e73', '#f0e442', '#cc79a7'];

/** Pixels: the chart's height, its margin, the y axis's width, the legend's and the x axis's height (recharts' default 30). */
export const CHART_HEIGHT = 260;
export const MARGIN = { top: 8, right: 16, bottom: 8, left: 4 } as const;
export const Y_AXIS_WIDTH = 56;
export const LEGEND_HEIGHT = 28;
export const X_AXIS_HEIGHT = 30;
export const FONT_SIZE = 11;

type Series = KpiChart['series'][number];

/** The series drawn as lines: everything but a band's low and high, which draw the band. */
export const lineSeries = (chart: Pick<KpiChart, 'series'>): Series[] => chart.series.filter((s) => s.role !== 'low' && s.role !== 'high');

export const barColour = (s: Series, i: number): string => (s.role === 'previous' ? ROLE_COLOUR.previous : (BAR_COLOURS[i % BAR_COLOURS.length] ?? ROLE_COLOUR.actual));
export const lineWidth = (s: Series): number => (s.role === 'actual' ? 2 : 1.5);
export const lineDash = (s: Series): string | undefined => (s.role === 'actual' ? undefined : s.role === 'threshold' ? '2 3' : '6 4');
/** The band's fill (recharts draws the range area from a [low, high] pair). */
export const BAND_OPACITY = 0.2;
