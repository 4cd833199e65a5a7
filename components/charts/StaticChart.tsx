import type { KpiChart } from '@/lib/protocol/kpi';
import { useChartLabels } from './chart-labels';
import { BAND_OPACITY, barColour, CHART_HEIGHT, GRID, LEGEND_HEIGHT, lineDash, lineSeries, lineWidth, MARGIN, ROLE_COLOUR, X_AXIS_HEIGHT, Y_AXIS_WIDTH } from './chart-style';
import { bandCentre, bandPath, barRects, BOX, linePath, pointX, xLabelIndices, yOf, yTicks } from './static-geometry';
import styles from './StaticChart.module.css';

/** recharts' legend icons in their 32-unit box: a line through a ring, a bar. */
const LINE_ICON = 'M0,16h10.7A5.3,5.3,0,1,1,21.3,16H32M21.3,16A5.3,5.3,0,1,1,10.7,16';
const RECT_ICON = 'M0,4h32v24h-32z';
const pct = (v: number) => `${Math.round((v / BOX) * 1e5) / 1e3}%`;

/**
 * A KPI chart as plain SVG and HTML, drawn where the page is rendered (on the server, in the first
 * HTML): recharts 3 draws nothing without a browser, so this is what a manager sees until the
 * interactive recharts view (tooltips) has loaded and replaces it. Same layout, scales and colours.
 * The plot is a 1000 × 1000 box stretched to the card; strokes keep their width.
 */
export function StaticChart({ chart, step }: { chart: KpiChart; step: 'hour' | 'day' }) {
  const { t, text, barName, num, time } = useChartLabels(chart, step);
  const ticks = yTicks(chart);
  const n = chart.rows.length;
  const bars = chart.kind === 'bar';
  const lines = bars ? [] : lineSeries(chart);
  const band = chart.kind === 'band' ? bandPath(chart.rows, ticks) : null;
  const xs = xLabelIndices(n).map((i) => ({
    i,
    at: bars ? bandCentre(i, n) : pointX(i, n),
    label: bars ? barName(String(chart.rows[i]?.name)) : time(String(chart.rows[i]?.t)),
  }));
  const legend = (
    bars
      ? chart.series.map((s, i) => ({ key: s.key, name: text.series.get(s.key) ?? s.label, colour: barColour(s, i), icon: 'rect' as const }))
      : [
          ...(chart.kind === 'band' ? [{ key: 'band', name: t('chart.forecastBand'), colour: ROLE_COLOUR.forecast, icon: 'line' as const }] : []),
          ...lines.map((s) => ({ key: s.key, name: text.series.get(s.key) ?? s.label, colour: ROLE_COLOUR[s.role], icon: 'line' as const })),
        ]
  ).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); // recharts' legend sorts by name
  const plot = { top: MARGIN.top + LEGEND_HEIGHT, bottom: MARGIN.bottom + X_AXIS_HEIGHT, left: MARGIN.left + Y_AXIS_WIDTH, right: MARGIN.right };
  return (
    <div className={styles.chart} style={{ height: CHART_HEIGHT }} data-static-chart={chart.id}>
      <ul className={styles.legend} style={{ top: MARGIN.top, height: LEGEND_HEIGHT, left: MARGIN.left, right: MARGIN.right }}>
        {legend.map((l) => (
          <li key={l.key} style={{ color: l.colour }}>
            <svg width={10} height={10} viewBox="0 0 32 32" aria-hidden>
              {l.icon === 'rect' ? <path d={RECT_ICON} fill={l.colour} /> : <path d={LINE_ICON} fill="none" stroke={l.colour} strokeWidth={4} />}
            </svg>
            {l.name}
          </li>
        ))}
      </ul>
      <div className={styles.yAxis} style={{ top: plot.top, bottom: plot.bottom, left: MARGIN.left, width: Y_AXIS_WIDTH }}>
        <span className={styles.unit}>{text.unit}</span>
        {ticks.map((v) => (
          <span key={v} className={styles.yTick} style={{ top: pct(yOf(v, ticks)) }}>
            {num(v)}
          </span>
        ))}
      </div>
      <div className={styles.plot} style={plot}>
        <svg width="100%" height="100%" viewBox={`0 0 ${BOX} ${BOX}`} preserveAspectRatio="none" aria-hidden>
          <g stroke={GRID} strokeDasharray="3 3" vectorEffect="non-scaling-stroke">
            {ticks.map((v) => (
              <line key={v} x1={0} x2={BOX} y1={yOf(v, ticks)} y2={yOf(v, ticks)} vectorEffect="non-scaling-stroke" />
            ))}
            {xs.map((x) => (
              <line key={x.i} x1={x.at} x2={x.at} y1={0} y2={BOX} vectorEffect="non-scaling-stroke" />
            ))}
          </g>
          {band ? <path d={band} fill={ROLE_COLOUR.forecast} fillOpacity={BAND_OPACITY} stroke="none" data-series="band" /> : null}
          {lines.map((s) => {
            const d = linePath(chart.rows, s.key, ticks);
            return d ? (
              <path key={s.key} d={d} fill="none" stroke={ROLE_COLOUR[s.role]} strokeWidth={lineWidth(s)} strokeDasharray={lineDash(s)} vectorEffect="non-scaling-stroke" data-series={s.key} />
            ) : null;
          })}
          {bars
            ? barRects(chart, ticks).map((r) => {
                const s = chart.series[r.index];
                return s ? <rect key={`${r.key}-${r.x}`} x={r.x} y={r.y} width={r.width} height={r.height} fill={barColour(s, r.index)} data-series={r.key} /> : null;
              })
            : null}
        </svg>
      </div>
      <div className={styles.xAxis} style={{ left: plot.left, right: plot.right, bottom: MARGIN.bottom, height: X_AXIS_HEIGHT }}>
        {xs.map((x) => (
          <span key={x.i} className={bars ? `${styles.xTick} ${styles.band}` : styles.xTick} style={{ left: pct(x.at), maxWidth: bars ? pct(BOX / Math.max(n, 1)) : undefined }}>
            {x.label}
          </span>
        ))}
      </div>
    </div>
  );
}
