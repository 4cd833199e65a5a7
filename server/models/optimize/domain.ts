import type { z } from 'zod';
import type { RoadSegment } from '@/lib/domain/road';
import { optimizeAirRequestSchema, optimizeGridRequestSchema, optimizeSignalsRequestSchema, proposalSchema, type Proposal } from '@/lib/protocol/actuation';
import { airReadingSchema } from '@/lib/protocol/air';
import type { ForecastTarget } from '@/lib/protocol/forecast';
import { gridItemSchema } from '@/lib/protocol/grid';
import type { LayerName } from '@/lib/protocol/layers';
import { weatherReadingSchema, type WeatherReading } from '@/lib/protocol/weather';
import { issuesOf } from '@/lib/validation';
import type { Store } from '../../store/store';
import type { ModelsDomain, RouteContext } from '../domain';
import { listGridAssets } from '../grid/store';
import { HttpError, readJson, sendJson } from '../http';
import type { LayerCache } from '../layer-cache';
import { airForecast } from '../ml/responses';
import type { ForecastSet } from '../ml/service';
import type { TrafficStateCache } from '../state';
import { proposeAir } from './air';
import { RoadGraph } from './corridor';
import { designFlowVph, QUEUE_CLEAR_MIN } from './demand';
import { CachedField, FieldUnavailable, type Field } from './field';
import { proposeGrid } from './grid';
import { proposeSignals, type DemandMode } from './signals';

export interface OptimizeDeps {
  store: Store;
  log: (line: string) => void;
  now: () => number;
  state: TrafficStateCache;
  layers: ReadonlyMap<LayerName, LayerCache>;
  /** The forecasts served now (the forecast domain's cache), or null when none is. */
  forecast: (target: ForecastTarget) => ForecastSet | null;
  /** The field's actuation API; null when none is configured (every optimiser then answers 503). */
  field: Field | null;
}

/** The network is re-read at most this often (the twin registers it once at start). */
const NETWORK_TTL_MS = 60_000;

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = issuesOf(r.error);
  const first = issues[0];
  throw new HttpError(400, 'bad-request', `invalid ${what}: ${first ? `${first.path || '(root)'}: ${first.message}` : 'invalid'}`, issues);
}

const noField: Field = {
  intersections: () => Promise.reject(new Error('no field actuation API is configured (TWIN_ACTUATION_PORT)')),
  whatIf: () => Promise.reject(new Error('no field actuation API is configured (TWIN_ACTUATION_PORT)')),
};

/**
 * The optimisers (docs/MODELS.md "Optimisers"): POST /v1/optimize/{signals|grid|air} answer a
 * proposal with the twin's predicted impact. They read the live state and forecasts the other
 * domains keep and ask the field for intersections and what-ifs.
 */
export function createOptimizeDomain(deps: OptimizeDeps): ModelsDomain {
  const field = new CachedField(deps.field ?? noField, deps.now);
  let network: { at: number; segments: RoadSegment[]; graph: RoadGraph } | null = null;
  const loadNetwork = async () => {
    if (!network || deps.now() - network.at > NETWORK_TTL_MS || network.segments.length === 0) {
      const segments = await deps.store.listSegments();
      network = { at: deps.now(), segments, graph: new RoadGraph(segments) };
    }
    return network;
  };
  const item = <S extends z.ZodType>(layer: LayerName, id: string, schema: S): z.output<S> | undefined => {
    const r = schema.safeParse(deps.layers.get(layer)?.get(id));
    return r.success ? r.data : undefined;
  };
  const flowNow = (id: string) => deps.state.reading(id)?.flowVph ?? 0;

  /** Signals are designed for the larger of the flow now and forecast (P50) at the horizon, plus the standing queue. */
  const designFlow = (graph: RoadGraph) => (id: string, horizonMin: number, mode: DemandMode) => {
    const segment = graph.byId.get(id);
    const set = deps.forecast('traffic-flow');
    const i = set?.index.get(id);
    const forecast = set && i !== undefined ? set.p50[i][Math.min(set.p50[i].length, Math.max(1, Math.round(horizonMin / 5))) - 1] : null;
    const reading = deps.state.reading(id);
    return segment && mode === 'with-queues' ? designFlowVph(segment, reading, forecast) : Math.max(reading?.flowVph ?? 0, forecast ?? 0);
  };

  const propose = async (run: () => Promise<Proposal>): Promise<Proposal> => {
    try {
      return await run();
    } catch (err) {
      if (err instanceof FieldUnavailable) throw new HttpError(503, 'field-unavailable', err.message);
      throw err;
    }
  };

  const route = async ({ req, res, path, allow }: RouteContext): Promise<boolean> => {
    const m = /^\/v1\/optimize\/(signals|grid|air)$/.exec(path);
    if (!m) return false;
    allow('POST');
    const body = await readJson(req);
    let proposal: Proposal;
    if (m[1] === 'signals') {
      const request = parse(optimizeSignalsRequestSchema, body, 'signals request');
      const { graph } = await loadNetwork();
      proposal = await propose(() =>
        proposeSignals(request, {
          graph: () => Promise.resolve(graph),
          field,
          demand: designFlow(graph),
          demandNote: `${
            deps.forecast('traffic-flow')
              ? 'the larger of each approach’s flow now and its flow forecast (P50) at the horizon'
              : 'each approach’s flow now (no traffic-flow forecast is served yet)'
          }; "with queues" adds the vehicles standing beyond critical density (from occupancy), cleared within ${QUEUE_CLEAR_MIN} min`,
          demandNoteText: { code: deps.forecast('traffic-flow') ? 'assumption.signals.designFlowsForecast' : 'assumption.signals.designFlowsNow', params: { queueMin: QUEUE_CLEAR_MIN } },
        }),
      );
    } else if (m[1] === 'grid') {
      const request = parse(optimizeGridRequestSchema, body, 'grid request');
      proposal = await propose(() =>
        proposeGrid(request, {
          feeders: async () => {
            const assets = await listGridAssets(deps.store.db, deps.log);
            return {
              feeders: assets.flatMap((a) => (a.kind === 'feeder' ? [a.asset] : [])),
              batteries: assets.flatMap((a) => (a.kind === 'battery' ? [a.asset] : [])),
            };
          },
          reading: (id) => item('grid', id, gridItemSchema),
          loadForecast: () => deps.forecast('grid-load'),
          field,
          now: deps.now,
        }),
      );
    } else {
      const request = parse(optimizeAirRequestSchema, body, 'air request');
      proposal = await propose(() =>
        proposeAir(request, {
          station: (id) => item('air', id, airReadingSchema),
          forecast: (id) => {
            const [pm25, no2, o3] = [deps.forecast('air-pm25'), deps.forecast('air-no2'), deps.forecast('air-o3')];
            const station = item('air', id, airReadingSchema);
            return pm25 && no2 && o3 && station ? airForecast({ pm25, no2, o3 }, id, station.aqiStandard) : null;
          },
          weather: () => {
            const cache = deps.layers.get('weather');
            return (cache?.ids() ?? []).flatMap((id): WeatherReading[] => {
              const w = item('weather', id, weatherReadingSchema);
              return w ? [w] : [];
            });
          },
          segments: async () => (await loadNetwork()).segments,
          flow: flowNow,
          field,
        }),
      );
    }
    // Checked against the contract before it leaves: a proposal the gateway would refuse is our bug (500).
    sendJson(res, 200, proposalSchema.parse(proposal));
    return true;
  };

  return { name: 'optimize', layers: [], route };
}
