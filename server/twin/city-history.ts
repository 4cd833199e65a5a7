import type { CityHistoryBackfill } from '@/lib/protocol/forecast-history';
import type { HistoryBackfill } from '@/lib/protocol/models-api';
import { shortId, type Entity } from '@/lib/protocol/ngsi';
import type { City } from './city';
import { BUCKET_MS, WARM_UP_MS, type Span } from './history';
import { DATA_PROVIDER } from './ngsi';
import { STEP_S } from './sim';
import { World } from './world';

/** The domains whose readings are kept as training history (transit and incidents are not series). */
const HISTORY_DOMAINS = new Set(['weather', 'grid', 'air']);

type Fields = Record<string, number | undefined>;

/** 5-minute means of every (series, field) seen, from NGSI-LD readings as the field reports them. */
export class CityHistoryCollector {
  private readonly series = new Map<string, { group: 'grid' | 'air' | 'weather'; kind?: 'feeder' | 'substation'; sums: Map<string, Float64Array>; counts: Map<string, Uint16Array> }>();

  constructor(
    private readonly start: number,
    private readonly steps: number,
  ) {}

  private put(group: 'grid' | 'air' | 'weather', id: string, at: number, fields: Fields, kind?: 'feeder' | 'substation'): void {
    const k = Math.floor((at - this.start) / BUCKET_MS);
    if (k < 0 || k >= this.steps) return;
    const key = `${group}:${id}`;
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { group, kind, sums: new Map(), counts: new Map() }));
    for (const [name, v] of Object.entries(fields)) {
      if (v === undefined || !Number.isFinite(v)) continue;
      let sum = s.sums.get(name);
      let count = s.counts.get(name);
      if (!sum || !count) {
        s.sums.set(name, (sum = new Float64Array(this.steps)));
        s.counts.set(name, (count = new Uint16Array(this.steps)));
      }
      sum[k] += v;
      count[k]++;
    }
  }

  add(entities: readonly Entity[]): void {
    for (const e of entities) {
      if (e.type === 'WeatherObserved')
        this.put('weather', shortId(e.id), Date.parse(e.dateObserved), {
          temperatureC: e.temperature,
          relativeHumidity: e.relativeHumidity,
          windSpeedMs: e.windSpeed,
          solarWm2: e.solarRadiation,
          precipitationMmH: e.precipitation,
          cloudCover: e.cloudCover,
          mixingHeightM: e.mixingLayerHeight,
        });
      else if (e.type === 'AirQualityObserved')
        this.put('air', shortId(e.id), Date.parse(e.dateObserved), { pm25: e.pm25, no2: e.no2, o3: e.o3, pm10: e.pm10, co: e.co });
      else if (e.type === 'ThreePhaseAcMeasurement') {
        const target = e.refTargetDevice[0];
        const kind = target.startsWith('urn:ngsi-ld:ACLineSegment:') ? 'feeder' : target.startsWith('urn:ngsi-ld:Substation:') ? 'substation' : null;
        if (!kind) continue;
        const fields: Fields = { loadKw: e.totalActivePower / 1000 };
        if (kind === 'feeder') fields.solarKw = (e.solarPower ?? 0) / 1000;
        this.put('grid', shortId(target), Date.parse(e.dateObserved), fields, kind);
      }
    }
  }

  /** The backfill body: every field a column of `steps` means (null where nothing was read). */
  body(): CityHistoryBackfill {
    const out: CityHistoryBackfill = { start: new Date(this.start).toISOString(), stepSeconds: 300, steps: this.steps, grid: [], air: [], weather: [], source: DATA_PROVIDER };
    const col = (s: { sums: Map<string, Float64Array>; counts: Map<string, Uint16Array> }, name: string, digits = 2) => {
      const sum = s.sums.get(name);
      const count = s.counts.get(name);
      const f = 10 ** digits;
      return Array.from({ length: this.steps }, (_, k) => (sum && count && count[k] ? Math.round((sum[k] / count[k]) * f) / f : null));
    };
    for (const [key, s] of [...this.series].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const id = key.slice(key.indexOf(':') + 1);
      if (s.group === 'grid') out.grid.push({ assetId: id, kind: s.kind ?? 'feeder', loadKw: col(s, 'loadKw'), ...(s.kind === 'feeder' ? { solarKw: col(s, 'solarKw') } : {}) });
      else if (s.group === 'air') out.air.push({ stationId: id, pm25: col(s, 'pm25', 1), no2: col(s, 'no2', 1), o3: col(s, 'o3', 1), pm10: col(s, 'pm10', 1), co: col(s, 'co', 3) });
      else
        out.weather.push({
          stationId: id,
          temperatureC: col(s, 'temperatureC'),
          relativeHumidity: col(s, 'relativeHumidity', 3),
          windSpeedMs: col(s, 'windSpeedMs'),
          solarWm2: col(s, 'solarWm2', 1),
          precipitationMmH: col(s, 'precipitationMmH'),
          cloudCover: col(s, 'cloudCover', 3),
          mixingHeightM: col(s, 'mixingHeightM', 0),
        });
    }
    return out;
  }
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Simulate one block of history with the whole world (traffic, weather, grid, air, incidents)
 * and return the traffic backfill and the city backfill (grid loads, air, weather) of it. The
 * world runs on the city's seed, so weather and demand are the same functions of time as live.
 */
export async function simulateWorldBlock(city: City, seed: number, span: Span): Promise<{ traffic: HistoryBackfill; city: CityHistoryBackfill }> {
  const world = new World(city, { seed, start: span.start - WARM_UP_MS });
  const n = city.segments.length;
  while (world.time < span.start) {
    for (let k = 0; k < 360 && world.time < span.start; k++) world.step();
    await turn();
  }
  const domains = world.domains.filter((d) => HISTORY_DOMAINS.has(d.name));
  // Readings due during the warm-up are not history.
  for (const d of domains) d.observations();
  const stepsPerBucket = BUCKET_MS / (STEP_S * 1000);
  const buckets = Math.round((span.end - span.start) / BUCKET_MS);
  const collector = new CityHistoryCollector(span.start, buckets);
  const speed = Array.from({ length: n }, () => new Array<number>(buckets));
  const flow = Array.from({ length: n }, () => new Array<number>(buckets));
  const sumV = new Float64Array(n);
  const sumQ = new Float64Array(n);
  for (let b = 0; b < buckets; b++) {
    sumV.fill(0);
    sumQ.fill(0);
    for (let k = 0; k < stepsPerBucket; k++) {
      world.step();
      const t = world.traffic;
      for (let i = 0; i < n; i++) {
        sumV[i] += t.speedKmh[i];
        sumQ[i] += t.flowVph[i];
      }
      for (const d of domains) collector.add(d.observations());
    }
    for (let i = 0; i < n; i++) {
      speed[i][b] = Math.round((sumV[i] / stepsPerBucket) * 10) / 10;
      flow[i][b] = Math.round(sumQ[i] / stepsPerBucket);
    }
    if (b % 12 === 11) await turn();
  }
  return {
    traffic: { start: new Date(span.start).toISOString(), stepSeconds: 300, segmentIds: city.segments.map((s) => s.id), speedKmh: speed, flowVph: flow, source: DATA_PROVIDER },
    city: collector.body(),
  };
}
