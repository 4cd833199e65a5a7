import type { KpiChart } from '@/lib/protocol/kpi';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
function field(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * A chart's data as CSV: the x column, then one column per series (named by its key, so a
 * column means the same thing in every export), one line per row, CRLF line ends. Machine-readable
 * in every language: ISO times, plain numbers and language-neutral column keys, never the
 * translated labels or locale-formatted values the page shows.
 */
export function chartCsv(chart: Pick<KpiChart, 'x' | 'series' | 'rows'>): string {
  const cols = [chart.x, ...chart.series.map((s) => s.key)];
  const lines = [cols.map(field).join(',')];
  for (const row of chart.rows) lines.push(cols.map((c) => field(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** File name of a chart's export: what and which period. */
export const csvFileName = (chartId: string, from: string, to: string) => `${chartId}_${from.slice(0, 13)}_${to.slice(0, 13)}.csv`.replaceAll(':', '');
