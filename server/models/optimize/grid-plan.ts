/**
 * Least-cost demand response for one feeder: keep the forecast load under a limit in every
 * 15-minute step with battery discharge (cheapest), EV charging moved later, and flexible load
 * shed (dearest). Pure: the grid optimiser feeds it forecasts and asset limits.
 */

export const STEP_MIN = 15;
const STEP_H = STEP_MIN / 60;

/**
 * What a kWh of each resource costs (EUR/kWh), documented in docs/MODELS.md. Battery: cycling
 * wear of a lithium-ion site (~€100/kWh of cells over ~2,000 cycles). EV shift: the incentive
 * paid to drivers whose charging moves later. Shed: what commercial customers on interruptible
 * tariffs are paid (a fraction of the value of lost load).
 */
export const COST_PER_KWH = { battery: 0.05, shiftEv: 0.12, shed: 0.6 } as const;

/** Share of the feeder's load that is flexible (interruptible contracts): the most that may be shed. */
export const FLEXIBLE_SHARE = 0.15;
/** The battery keeps this share of its energy in reserve. */
export const BATTERY_RESERVE = 0.1;
/** Keep the load at or under this share of the feeder's capacity. */
export const CAPACITY_MARGIN = 0.95;

export interface GridPlanInput {
  capacityKw: number;
  /** The load the plan must keep under the limit, per 15-minute step (we pass the forecast's P90). */
  loadKw: readonly number[];
  /** EV charging that could move later, per step (kW). */
  evKw: readonly number[];
  battery: {
    /** Discharge power left above the battery's own schedule (kW). */
    powerKw: number;
    /** Energy it may give before its reserve (kWh). */
    energyKwh: number;
  } | null;
}

export interface GridStep {
  batteryKw: number;
  shiftEvKw: number;
  shedKw: number;
}

export interface GridPlanResult {
  limitKw: number;
  steps: GridStep[];
  /** Load after the plan, per step. */
  afterKw: number[];
  /** kW still over the limit per step when even shedding all flexible load is not enough. */
  residualKw: number[];
  costEur: number;
  energyKwh: { battery: number; shiftEv: number; shed: number };
}

/**
 * The least-cost plan. Costs are linear and the only link between steps is the battery's energy,
 * so this is optimal: first cover every step with EV shifting then shedding (per step the cheaper
 * first), then spend the battery's energy where it saves most — on shed kW first (saves
 * 0.60 − 0.05 per kWh), then on shifted EV kW (0.12 − 0.05), within its power in each step.
 */
export function planDemandResponse(input: GridPlanInput): GridPlanResult {
  const limitKw = input.capacityKw * CAPACITY_MARGIN;
  const n = input.loadKw.length;
  const steps: GridStep[] = [];
  const residualKw: number[] = [];
  for (let t = 0; t < n; t++) {
    const over = Math.max(0, input.loadKw[t] - limitKw);
    const shiftEvKw = Math.min(over, Math.max(0, input.evKw[t] ?? 0));
    const shedKw = Math.min(over - shiftEvKw, Math.max(0, input.loadKw[t]) * FLEXIBLE_SHARE);
    steps.push({ batteryKw: 0, shiftEvKw, shedKw });
    residualKw.push(over - shiftEvKw - shedKw);
  }
  if (input.battery && input.battery.powerKw > 0 && input.battery.energyKwh > 0) {
    let energy = input.battery.energyKwh;
    const power = input.battery.powerKw;
    // Most valuable first: residual overload (nothing else covers it), then shed, then EV shift.
    for (const take of ['residual', 'shedKw', 'shiftEvKw'] as const) {
      for (let t = 0; t < n && energy > 1e-9; t++) {
        const s = steps[t];
        const wanted = take === 'residual' ? residualKw[t] : s[take];
        const kw = Math.min(wanted, power - s.batteryKw, energy / STEP_H);
        if (kw <= 0) continue;
        s.batteryKw += kw;
        energy -= kw * STEP_H;
        if (take === 'residual') residualKw[t] -= kw;
        else s[take] -= kw;
      }
    }
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  const rounded = steps.map((s) => ({ batteryKw: round(s.batteryKw), shiftEvKw: round(s.shiftEvKw), shedKw: round(s.shedKw) }));
  const sum = (k: keyof GridStep) => steps.reduce((a, s) => a + s[k] * STEP_H, 0);
  const energyKwh = { battery: sum('batteryKw'), shiftEv: sum('shiftEvKw'), shed: sum('shedKw') };
  return {
    limitKw,
    steps: rounded,
    afterKw: input.loadKw.map((l, t) => l - steps[t].batteryKw - steps[t].shiftEvKw - steps[t].shedKw),
    residualKw,
    costEur: energyKwh.battery * COST_PER_KWH.battery + energyKwh.shiftEv * COST_PER_KWH.shiftEv + energyKwh.shed * COST_PER_KWH.shed,
    energyKwh,
  };
}
