import type { z } from 'zod';
import type { optimizeGridRequestSchema, Proposal } from '@/lib/protocol/actuation';
import type { Battery, Feeder, GridItem } from '@/lib/protocol/grid';
import { HttpError } from '../http';
import type { ForecastSet } from '../ml/service';
import type { CachedField } from './field';
import { BATTERY_RESERVE, CAPACITY_MARGIN, COST_PER_KWH, FLEXIBLE_SHARE, planDemandResponse, STEP_MIN } from './grid-plan';
import { nothingToDo, withAssumptions } from './proposal';

export const GRID_MODEL_VERSION = 'grid-dr-greedy/1';
const METHOD = 'Least-cost cover of the P90 load forecast over 95 % of capacity: battery, then EV charging moved later, then flexible load shed (linear costs, optimal greedy)';
const STEP_MS = STEP_MIN * 60_000;
export const WHAT_IF_MAX_MIN = 240;

export type OptimizeGridRequest = z.output<typeof optimizeGridRequestSchema>;

export interface GridDeps {
  feeders: () => Promise<{ feeders: Feeder[]; batteries: Battery[] }>;
  reading: (assetId: string) => GridItem | undefined;
  loadForecast: () => ForecastSet | null;
  field: CachedField;
  now: () => number;
}

const kw = (x: number) => `${Math.round(x).toLocaleString('en-GB')} kW`;

/** The P90 (and P50) load per 15-minute step over the horizon: the forecast, or the load now held (persistence). */
function loadSeries(feederId: string, loadNow: number | null, set: ForecastSet | null, steps: number, now: number) {
  const i = set?.index.get(feederId);
  if (set && i !== undefined) {
    const n = Math.min(steps, set.p90[i].length);
    return {
      start: set.originAt,
      p90: Array.from({ length: n }, (_, h) => set.p90[i][h]),
      p50: Array.from({ length: n }, (_, h) => set.p50[i][h]),
      source: `the grid-load forecast (${set.card.id} v${set.card.version}, P90)`,
      model: { id: set.card.id, version: set.card.version } as { id: string; version: number } | null,
    };
  }
  if (loadNow === null) return null;
  return { start: Math.floor(now / STEP_MS) * STEP_MS, p90: Array<number>(steps).fill(loadNow), p50: Array<number>(steps).fill(loadNow), source: 'the load now, held (no grid-load forecast is served yet)', model: null };
}

/** POST /v1/optimize/grid: demand response and battery dispatch for a feeder forecast to overload. */
export async function proposeGrid(req: OptimizeGridRequest, deps: GridDeps): Promise<Proposal> {
  const { feeders, batteries } = await deps.feeders();
  const feeder = feeders.find((f) => f.id === req.feederId);
  if (!feeder) throw new HttpError(404, 'unknown-feeder', `no feeder "${req.feederId}"`, [{ path: 'feederId', message: 'unknown feeder' }]);
  const now = deps.reading(feeder.id);
  const feederNow = now?.kind === 'feeder' ? now : null;
  const steps = Math.ceil(req.horizonMin / STEP_MIN);
  const load = loadSeries(feeder.id, feederNow?.loadKw ?? null, deps.loadForecast(), steps, deps.now());
  if (!load) throw new HttpError(503, 'no-data', `feeder "${feeder.id}" has neither a reading nor a forecast yet`);

  const limitKw = feeder.capacityKw * CAPACITY_MARGIN;
  const first = load.p90.findIndex((l) => l > limitKw);
  const peak = Math.max(...load.p90);
  if (first < 0) throw nothingToDo(`${feeder.name} is not forecast to exceed ${kw(limitKw)} (95 % of ${kw(feeder.capacityKw)}) in the next ${req.horizonMin} min; its P90 peak is ${kw(peak)}`);
  let last = load.p90.length - 1;
  while (load.p90[last] <= limitKw) last--;

  // The feeder's batteries together: power left above what they already give, energy above the reserve.
  let powerKw = 0;
  let energyKwh = 0;
  const usedBatteries: string[] = [];
  for (const b of batteries.filter((x) => x.feederId === feeder.id)) {
    const r = deps.reading(b.id);
    if (r?.kind !== 'battery') continue;
    powerKw += Math.max(0, b.powerKw - Math.max(0, r.powerKw));
    energyKwh += Math.max(0, r.stateOfCharge - BATTERY_RESERVE) * b.energyKwh;
    usedBatteries.push(b.name);
  }
  const window = load.p90.slice(first, last + 1);
  const evNow = feederNow?.evKw ?? 0;
  const result = planDemandResponse({ capacityKw: feeder.capacityKw, loadKw: window, evKw: window.map(() => evNow), battery: usedBatteries.length ? { powerKw, energyKwh } : null });
  const residual = Math.max(...result.residualKw);

  const plan = {
    kind: 'demand-response' as const,
    feederId: feeder.id,
    start: new Date(load.start + first * STEP_MS).toISOString(),
    steps: result.steps,
    durationMin: result.steps.length * STEP_MIN,
  };
  // The what-if covers the plan's window (the twin runs at most 240 min forward).
  const impact = await deps.field.whatIf(plan, Math.min(WHAT_IF_MAX_MIN, (first + result.steps.length) * STEP_MIN));
  const path = feeder.path;
  return {
    title: `Demand response on ${feeder.name}: keep it under ${kw(limitKw)} (forecast peak ${kw(peak)})`,
    titleText: { code: 'action.demandResponse', params: { feeder: feeder.name, limitKw, peakKw: peak } },
    target: { kind: 'feeder', id: feeder.id, name: feeder.name, location: path[Math.floor(path.length / 2)], segments: [feeder.id] },
    plan,
    impact: withAssumptions(impact, [
      `Load to keep under the limit: ${load.source}; limit ${Math.round(CAPACITY_MARGIN * 100)} % of capacity.`,
      `Costs per kWh: battery €${COST_PER_KWH.battery} (wear), EV charging moved later €${COST_PER_KWH.shiftEv} (incentive), flexible load shed €${COST_PER_KWH.shed}; plan cost about €${result.costEur.toFixed(0)}.`,
      usedBatteries.length
        ? `Batteries ${usedBatteries.join(', ')}: ${kw(powerKw)} of discharge left above their own schedule, ${Math.round(energyKwh)} kWh above a ${BATTERY_RESERVE * 100} % reserve.`
        : 'No battery with a reading on this feeder.',
      `EV charging that can move later: the ${kw(evNow)} charging now, assumed through the window; its energy comes back after the plan.`,
      `At most ${FLEXIBLE_SHARE * 100} % of the load is flexible (interruptible contracts).`,
      ...(residual > 0.5 ? [`Even with all of it the forecast stays up to ${kw(residual)} over the limit.`] : []),
    ], [
      load.model
        ? { code: 'assumption.grid.loadForecast', params: { model: load.model.id, version: load.model.version, limit: CAPACITY_MARGIN } }
        : { code: 'assumption.grid.loadHeld', params: { limit: CAPACITY_MARGIN } },
      { code: 'assumption.grid.costs', params: { battery: COST_PER_KWH.battery, shiftEv: COST_PER_KWH.shiftEv, shed: COST_PER_KWH.shed, cost: result.costEur } },
      usedBatteries.length
        ? { code: 'assumption.grid.batteries', params: { batteries: usedBatteries, powerKw, energyKwh, reserve: BATTERY_RESERVE } }
        : { code: 'assumption.grid.noBattery', params: {} },
      { code: 'assumption.grid.ev', params: { evKw: evNow } },
      { code: 'assumption.grid.flexible', params: { share: FLEXIBLE_SHARE } },
      ...(residual > 0.5 ? [{ code: 'assumption.grid.residual' as const, params: { residualKw: residual } }] : []),
    ]),
    method: METHOD,
    methodText: { code: 'method.grid', params: {} },
    modelVersion: GRID_MODEL_VERSION,
  };
}
