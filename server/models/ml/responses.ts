import { congestionBand, speedRatio } from '@/lib/domain/congestion';
import { forecastAqi } from '@/lib/domain/aqi';
import type { AqiStandard } from '@/lib/protocol/air';
import type { AirForecast, MapForecast, SeriesForecast } from '@/lib/protocol/forecast';
import type { SegmentForecast } from '@/lib/protocol/models-api';
import type { ForecastSet } from './service';
import { targetSpecs } from './targets';

const r1 = (v: number) => Math.round(v * 10) / 10;
const iso = (t: number) => new Date(t).toISOString();

export const servedModel = (set: ForecastSet, i?: number) => ({
  id: set.card.id,
  version: String(set.card.version),
  family: set.card.family,
  fallback: i !== undefined && set.fellBack.has(i),
  description: set.card.description,
});

const accuracyOf = (set: ForecastSet) => set.card.metrics.map((m) => ({ horizonMinutes: m.horizonMinutes, mae: m.mae, coverage: m.coverage }));

/** The middle reported horizon: where the detail panel explains the forecast. */
const explainStep = (set: ForecastSet) => {
  const steps = targetSpecs[set.target].reportSteps;
  return steps[Math.floor(steps.length / 2)];
};

export function seriesForecast(set: ForecastSet, i: number, maxSteps = Infinity): SeriesForecast {
  const spec = targetSpecs[set.target];
  const H = Math.min(spec.horizons, maxSteps);
  const points = [];
  for (let h = 1; h <= H; h++)
    points.push({ t: iso(set.originAt + h * set.stepMs), horizonMinutes: h * spec.stepMinutes, p10: r1(set.p10[i][h - 1]), p50: r1(set.p50[i][h - 1]), p90: r1(set.p90[i][h - 1]) });
  return {
    target: set.target,
    id: set.ids[i],
    unit: spec.unit,
    model: servedModel(set, i),
    madeAt: iso(set.madeAt),
    stepMinutes: spec.stepMinutes,
    points,
    accuracy: accuracyOf(set),
    explanation: set.fellBack.has(i) ? null : set.explain(i, explainStep(set)),
  };
}

/** GET /v1/forecasts/traffic/{id} from the trained models: speed (and flow) quantiles, congestion per horizon. */
export function segmentForecast(speed: ForecastSet, flow: ForecastSet | null, id: string, minutes: number): SegmentForecast | null {
  const i = speed.index.get(id);
  if (i === undefined) return null;
  const j = flow?.index.get(id);
  const s = seriesForecast(speed, i, Math.floor(minutes / 5));
  const ff = speed.freeFlowKmh?.[i] ?? NaN;
  return {
    segmentId: id,
    model: s.model,
    madeAt: s.madeAt,
    stepMinutes: 5,
    points: s.points.map((p, n) => ({
      t: p.t,
      p10: p.p10,
      p50: p.p50,
      p90: p.p90,
      ...(flow && j !== undefined ? { flowVph: { p10: Math.round(flow.p10[j][n]), p50: Math.round(flow.p50[j][n]), p90: Math.round(flow.p90[j][n]) } } : {}),
      ...(Number.isFinite(ff) ? { congestion: congestionBand(speedRatio(p.p50, ff)).level } : {}),
    })),
    accuracy: s.accuracy,
    explanation: s.explanation,
  };
}

export function airForecast(sets: { pm25: ForecastSet; no2: ForecastSet; o3: ForecastSet }, id: string, standard: AqiStandard): AirForecast | null {
  const idx = (s: ForecastSet) => s.index.get(id);
  const [a, b, c] = [idx(sets.pm25), idx(sets.no2), idx(sets.o3)];
  if (a === undefined || b === undefined || c === undefined) return null;
  const pm25 = seriesForecast(sets.pm25, a);
  const no2 = seriesForecast(sets.no2, b);
  const o3 = seriesForecast(sets.o3, c);
  const aqi = pm25.points.flatMap((p, n) => {
    const q = (k: 'p10' | 'p50' | 'p90') => forecastAqi(standard, Math.max(0, p[k]), Math.max(0, no2.points[n]?.[k] ?? 0), Math.max(0, o3.points[n]?.[k] ?? 0));
    const [lo, mid, hi] = [q('p10'), q('p50'), q('p90')];
    if (!lo || !mid || !hi) return [];
    return [{ t: p.t, horizonMinutes: p.horizonMinutes, p10: lo.aqi, p50: mid.aqi, p90: hi.aqi, level: mid.level }];
  });
  return { stationId: id, pm25, no2, o3, aqiStandard: standard, aqi };
}

/** Every series of a target at one horizon (the map's forecast timeline). */
export function mapForecast(set: ForecastSet, minutes: number): MapForecast {
  const spec = targetSpecs[set.target];
  const h = Math.min(spec.horizons, Math.max(1, Math.round(minutes / spec.stepMinutes)));
  const items: MapForecast['items'] = {};
  set.ids.forEach((id, i) => {
    const p50 = r1(set.p50[i][h - 1]);
    const ff = set.freeFlowKmh?.[i] ?? NaN;
    items[id] = { p10: r1(set.p10[i][h - 1]), p50, p90: r1(set.p90[i][h - 1]), ...(Number.isFinite(ff) ? { congestion: congestionBand(speedRatio(p50, ff)).level } : {}) };
  });
  return { target: set.target, madeAt: iso(set.madeAt), horizonMinutes: h * spec.stepMinutes, t: iso(set.originAt + h * set.stepMs), model: servedModel(set), items };
}
