import type { z } from 'zod';
import type { RoadSegment } from '@/lib/domain/road';
import type { optimizeAirRequestSchema, Proposal } from '@/lib/protocol/actuation';
import type { AirReading } from '@/lib/protocol/air';
import type { AirForecast } from '@/lib/protocol/forecast';
import { aqiStandardKey } from '@/lib/protocol/texts';
import type { WeatherReading } from '@/lib/protocol/weather';
import { HttpError } from '../http';
import { COVER_SHARE, NOX_G_PER_VEH_KM, offset, pickSegments, RADIUS_M, reductionFor, type Wind } from './air-pick';
import type { CachedField } from './field';
import { WHAT_IF_MAX_MIN } from './grid';
import { nothingToDo, withAssumptions } from './proposal';

export const AIR_MODEL_VERSION = 'air-restriction/1';
const METHOD = `Restrict the road segments within ${RADIUS_M} m whose traffic adds most at the station (flow × length × NOx factor / distance, upwind weighted); effect from the twin's what-if`;

export type OptimizeAirRequest = z.output<typeof optimizeAirRequestSchema>;

export interface AirDeps {
  station: (id: string) => AirReading | undefined;
  forecast: (id: string) => AirForecast | null;
  weather: () => WeatherReading[];
  segments: () => Promise<RoadSegment[]>;
  flow: (segmentId: string) => number;
  field: CachedField;
}

const mid = (s: RoadSegment): [number, number] => {
  const a = s.path[0];
  const b = s.path[s.path.length - 1];
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
};

/** POST /v1/optimize/air: a traffic restriction around a station whose AQI is (forecast to be) over the threshold. */
export async function proposeAir(req: OptimizeAirRequest, deps: AirDeps): Promise<Proposal> {
  const station = deps.station(req.stationId);
  if (!station) throw new HttpError(404, 'unknown-station', `no air-quality station "${req.stationId}"`, [{ path: 'stationId', message: 'unknown station' }]);
  const forecast = deps.forecast(req.stationId);
  const ahead = (forecast?.aqi ?? []).filter((p) => p.horizonMinutes <= req.horizonMin);
  const worst = ahead.reduce<{ aqi: number; t: string | null }>((w, p) => (p.p50 > w.aqi ? { aqi: p.p50, t: p.t } : w), { aqi: station.aqi, t: null });
  if (worst.aqi <= req.aqiThreshold)
    throw nothingToDo(
      `the AQI at ${station.name} is ${station.aqi} now${forecast ? ` and forecast (P50) at most ${worst.aqi} in the next ${req.horizonMin} min` : ' (no forecast served yet)'}, not above the threshold ${req.aqiThreshold}`,
    );

  // The nearest weather station's wind.
  const nearest = deps.weather().reduce<{ w: WeatherReading; d: number } | null>((best, w) => {
    const d = offset(station.location, w.location).distanceM;
    return !best || d < best.d ? { w, d } : best;
  }, null);
  const wind: Wind | null = nearest ? { speedMs: nearest.w.windSpeedMs, fromDeg: nearest.w.windDirectionDeg } : null;
  const segments = await deps.segments();
  const picked = pickSegments(
    station.location,
    segments.map((s) => ({ id: s.id, roadClass: s.roadClass, lengthM: s.lengthM, mid: mid(s), flowVph: deps.flow(s.id) })),
    wind,
  );
  if (picked.length === 0) throw nothingToDo(`no road within ${RADIUS_M} m of ${station.name} carries traffic now: a restriction would change nothing`);
  const reduction = reductionFor(worst.aqi, req.aqiThreshold);
  const plan = { kind: 'traffic-restriction' as const, stationId: req.stationId, segments: picked.map((p) => p.id), reduction, durationMin: req.horizonMin };
  const impact = await deps.field.whatIf(plan, Math.min(WHAT_IF_MAX_MIN, req.horizonMin));
  const upwind = picked.filter((p) => p.upwind).length;
  const standard = aqiStandardKey[station.aqiStandard];
  return {
    title: `Keep ${Math.round(reduction * 100)} % of traffic out of ${picked.length} street segment${picked.length === 1 ? '' : 's'} around ${station.name} (AQI ${worst.aqi} > ${req.aqiThreshold})`,
    titleText: { code: 'action.restriction', params: { reduction, segments: picked.length, station: station.name, aqi: worst.aqi, threshold: req.aqiThreshold } },
    target: { kind: 'station', id: req.stationId, name: station.name, location: station.location, segments: plan.segments },
    plan,
    impact: withAssumptions(impact, [
      worst.t
        ? `AQI forecast (P50) ${worst.aqi} at ${worst.t} (${station.aqiStandard}); ${station.aqi} now.`
        : `AQI ${station.aqi} now (${station.aqiStandard})${forecast ? '; the forecast stays lower' : '; no forecast served yet'}.`,
      `Segments: within ${RADIUS_M} m, by flow now × length × NOx factor (${Object.entries(NOX_G_PER_VEH_KM)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} g/veh-km) over distance, the most contributing first until 70 % of the area's contribution.`,
      wind && wind.speedMs >= 1
        ? `Wind ${wind.speedMs.toFixed(1)} m/s from ${Math.round(wind.fromDeg)}°: upwind segments weigh up to twice (${upwind} of ${picked.length} picked are upwind).`
        : 'Calm or no wind reading: every direction weighs alike.',
      `Reduction ${Math.round(reduction * 100)} %: 20 % at the threshold, rising with the exceedance, at most 60 %.`,
    ], [
      worst.t
        ? { code: 'assumption.air.forecast', params: { aqi: worst.aqi, at: worst.t, standard, now: station.aqi } }
        : { code: forecast ? 'assumption.air.nowForecastLower' : 'assumption.air.nowNoForecast', params: { aqi: station.aqi, standard } },
      { code: 'assumption.air.segments', params: { radius: RADIUS_M, ...NOX_G_PER_VEH_KM, cover: COVER_SHARE } },
      wind && wind.speedMs >= 1 ? { code: 'assumption.air.wind', params: { speed: wind.speedMs, from: wind.fromDeg, upwind, picked: picked.length } } : { code: 'assumption.air.calm', params: {} },
      { code: 'assumption.air.reduction', params: { reduction } },
    ]),
    method: METHOD,
    methodText: { code: 'method.air', params: { radius: RADIUS_M } },
    modelVersion: AIR_MODEL_VERSION,
  };
}
