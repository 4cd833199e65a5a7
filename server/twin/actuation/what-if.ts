import type { ActionPlan, Impact } from '@/lib/protocol/actuation';
import type { Text } from '@/lib/protocol/texts';
import { ValidationError } from '@/lib/validation';
import { STEP_S } from '../sim';
import type { World } from '../world';
import { corridorDelayS, instantAqi } from './metrics';

/** The action id the plan runs under in the what-if branch (never seen outside it). */
const WHAT_IF_ACTION = '00000000-0000-4000-8000-00000000f0f0';
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

/** What a plan kind is judged on: one value per world per step, and how to sum the runs up. */
interface Probe {
  metric: string;
  unit: string;
  /** Peak (load) or mean (delay, air) over the horizon. */
  summary: 'peak' | 'mean';
  headline: string;
  read: (w: World) => number;
  /** Further figures read every step, summed up as the run's mean, peak or minutes over a line. */
  extra: Array<{ label: string; unit: string; read: (w: World) => number; summary: 'mean' | 'peak' | 'minutes-over'; line?: number }>;
  assumptions: string[];
  /** The same as message codes, for every language. */
  assumptionTexts: Text[];
}

function probeOf(world: World, plan: ActionPlan): Probe {
  const { city } = world;
  const index = new Map(city.segments.map((s, i) => [s.id, i]));
  if (plan.kind === 'signal-retiming') {
    const timed = plan.intersections.map((t) => world.actuator.intersections().find((x) => x.id === t.intersectionId));
    const approaches = timed.flatMap((x) => x?.approaches.map((a) => index.get(a.segmentId) as number) ?? []);
    const corridor = plan.corridor.map((id) => index.get(id) as number);
    const onCorridor = new Set(corridor);
    const cross = approaches.filter((a) => !onCorridor.has(a));
    const name = corridor.length ? `${city.segments[corridor[0]].name} corridor` : (timed[0]?.name ?? plan.intersections[0].intersectionId);
    return {
      metric: `Mean delay on ${name}`,
      unit: 's/veh',
      summary: 'mean',
      headline: 'Delay saved per vehicle',
      read: (w) => (corridor.length ? corridorDelayS(city, w.traffic, corridor) : corridorDelayS(city, w.traffic, approaches, true)),
      extra: cross.length
        ? [{ label: 'Mean delay per vehicle on the crossing approaches', unit: 's/veh', summary: 'mean', read: (w) => corridorDelayS(city, w.traffic, cross, true) }]
        : [],
      assumptions: [
        'Corridor delay: travel time at the simulated speed against free-flow time, per segment, flow-weighted, summed along the corridor.',
        'Signals: approach capacity = saturation flow × g/C; delay = Webster uniform delay × HCM progression factor (arrivals on green from upstream offsets when both junctions are timed with one cycle).',
        'Both branches start from the twin state now and share one random stream (incidents, demand noise).',
      ],
      assumptionTexts: [{ code: 'assumption.whatIf.corridorDelay', params: {} }, { code: 'assumption.whatIf.signalDelay', params: {} }, { code: 'assumption.whatIf.sameStart', params: {} }],
    };
  }
  if (plan.kind === 'demand-response') {
    const grid = world.grid;
    const fi = grid?.model.network.feeders.findIndex((f) => f.id === plan.feederId) ?? -1;
    const feeder = grid?.model.network.feeders[fi];
    const capacity = feeder?.capacityKw ?? 0;
    const load = (w: World) => w.grid?.sim.netKw[fi] ?? 0;
    return {
      metric: `Peak load on ${feeder?.name ?? plan.feederId}`,
      unit: 'kW',
      summary: 'peak',
      headline: 'Peak load reduced',
      read: load,
      extra: [
        { label: 'Feeder capacity', unit: 'kW', summary: 'peak', read: () => capacity },
        { label: 'Minutes over capacity', unit: 'min', summary: 'minutes-over', line: capacity, read: load },
        { label: 'Mean load', unit: 'kW', summary: 'mean', read: load },
      ],
      assumptions: [
        'Load is the feeder-head net load: demand less rooftop solar less battery output.',
        'Shed load is switched off; EV charging deferred in the window returns after it at half the most deferred at once, until the energy is made up.',
        "Battery output asked for is added to the battery's own schedule and held within its power rating and 10–95 % charge.",
      ],
      assumptionTexts: [{ code: 'assumption.whatIf.netLoad', params: {} }, { code: 'assumption.whatIf.shedAndDefer', params: {} }, { code: 'assumption.whatIf.batteryLimits', params: {} }],
    };
  }
  const air = world.air;
  const s = air?.stations.findIndex((st) => st.id === plan.stationId) ?? -1;
  const station = air?.stations[s];
  const sample = (w: World) => w.air?.cleanReadings()[s];
  return {
    metric: `NO2 at ${station?.name ?? plan.stationId}`,
    unit: 'µg/m³',
    summary: 'mean',
    headline: 'NO2 lowered',
    read: (w) => sample(w)?.no2 ?? 0,
    extra: [
      { label: 'PM2.5', unit: 'µg/m³', summary: 'mean', read: (w) => sample(w)?.pm25 ?? 0 },
      { label: 'Peak AQI (US EPA, current readings)', unit: 'AQI', summary: 'peak', read: (w) => (sample(w) ? instantAqi(sample(w) as NonNullable<ReturnType<typeof sample>>) : 0) },
    ],
    assumptions: [
      `Trip starts on the ${plan.segments.length} restricted segments fall by ${Math.round(plan.reduction * 100)} % and turning traffic avoids them by as much.`,
      "Station air: the twin's background plus traffic emissions dispersed by the weather, before sensor noise.",
    ],
    assumptionTexts: [
      { code: 'assumption.whatIf.tripStarts', params: { segments: plan.segments.length, reduction: plan.reduction } },
      { code: 'assumption.whatIf.stationAir', params: {} },
    ],
  };
}

/**
 * Run the twin forward from now twice, without and with the plan, and compare the plan kind's
 * metric: corridor delay (signals), feeder load (demand response), station NO2 (restrictions).
 * Yields to the event loop every `yieldEvery` steps so a live twin keeps its beat.
 */
export async function whatIf(world: World, plan: ActionPlan, horizonMin: number, opts: { yieldEvery?: number } = {}): Promise<Impact> {
  const issues = world.actuator.validate(plan, world.time);
  if (issues.length) throw new ValidationError('invalid plan', issues);
  const from = world.time;
  const baseline = world.fork();
  const withPlan = world.fork();
  withPlan.actuate(WHAT_IF_ACTION, plan);
  const probe = probeOf(world, plan);
  const stepsPerMin = 60 / STEP_S;
  const steps = horizonMin * stepsPerMin;
  const bucketMin = horizonMin <= 120 ? 1 : 5;
  const series: Impact['series'] = [];
  const acc = [0, 0];
  const sums = { base: { value: [] as number[] }, plan: { value: [] as number[] } };
  const extras = probe.extra.map(() => ({ base: [] as number[], plan: [] as number[] }));
  const yieldEvery = opts.yieldEvery ?? 60;
  for (let k = 1; k <= steps; k++) {
    baseline.step();
    withPlan.step();
    const [b, p] = [probe.read(baseline), probe.read(withPlan)];
    sums.base.value.push(b);
    sums.plan.value.push(p);
    probe.extra.forEach((e, x) => {
      extras[x].base.push(e.read(baseline));
      extras[x].plan.push(e.read(withPlan));
    });
    acc[0] += b;
    acc[1] += p;
    if (k % (bucketMin * stepsPerMin) === 0) {
      series.push({ minute: k / stepsPerMin, baseline: round(acc[0] / (bucketMin * stepsPerMin), 2), withPlan: round(acc[1] / (bucketMin * stepsPerMin), 2) });
      acc[0] = acc[1] = 0;
    }
    if (yieldEvery > 0 && k % yieldEvery === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const sumUp = (values: number[], how: 'mean' | 'peak' | 'minutes-over', line = 0) =>
    how === 'peak' ? Math.max(...values) : how === 'mean' ? values.reduce((a, v) => a + v, 0) / values.length : values.filter((v) => v > line).length / stepsPerMin;
  const [base, planned] = [sumUp(sums.base.value, probe.summary), sumUp(sums.plan.value, probe.summary)];
  return {
    metric: probe.metric,
    unit: probe.unit,
    lowerIsBetter: true,
    headline: { label: probe.headline, value: round(base - planned), unit: probe.unit },
    baseline: round(base, 2),
    withPlan: round(planned, 2),
    series,
    horizonMin,
    measures: probe.extra.map((e, x) => ({
      label: e.label,
      unit: e.unit,
      baseline: round(sumUp(extras[x].base, e.summary, e.line), 2),
      withPlan: round(sumUp(extras[x].plan, e.summary, e.line), 2),
    })),
    assumptions: probe.assumptions,
    assumptionTexts: probe.assumptionTexts,
    from: new Date(from).toISOString(),
  };
}
