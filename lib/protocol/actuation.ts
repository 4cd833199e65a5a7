import { z } from 'zod';
import { lonLatSchema } from '../domain/road';
import { textSchema } from './texts';

/**
 * Optimisation plans and their actuation. A plan is what the model services' optimisers propose
 * (POST /v1/optimize/…), what the gateway's action workflow carries through approval, and what the
 * field (the twin, or a real controller) is told to put into effect. One schema for all three.
 */
const id = z.string().regex(/^[A-Za-z0-9:._-]{1,64}$/, 'must be an id');

/** One signal phase: the approaches (incoming segment ids) that get green together, and for how long. */
export const signalPhaseSchema = z.object({
  approaches: z.array(id).min(1).max(16),
  /** Effective green time in seconds (Webster's g). */
  greenS: z.number().min(5).max(180),
});

/**
 * Lost time (start-up plus clearance) of every phase, in seconds: a timing's greens plus this per
 * phase fit in its cycle (Webster's L = phases × this). The twin checks it; optimisers use it.
 */
export const SIGNAL_LOST_TIME_PER_PHASE_S = 4;

/** The timing of one signalised intersection. */
export const intersectionTimingSchema = z.object({
  /** The twin's junction id (see GET /v1/optimize/signals/intersections). */
  intersectionId: id,
  cycleS: z.number().min(30).max(240),
  /** Start of the first phase's green relative to the corridor's reference (green wave). */
  offsetS: z.number().min(0).max(240),
  phases: z.array(signalPhaseSchema).min(2).max(6),
});
export type IntersectionTiming = z.infer<typeof intersectionTimingSchema>;

export const signalPlanSchema = z.object({
  kind: z.literal('signal-retiming'),
  /** The corridor's segments in driving order (empty for a single intersection). */
  corridor: z.array(id).max(200),
  intersections: z.array(intersectionTimingSchema).min(1).max(50),
  /** How long the plan stays in force before the field returns to its previous timing. */
  durationMin: z.number().int().min(5).max(24 * 60),
});

/** Demand response and battery dispatch for one feeder, in 15-minute steps from `start`. */
export const demandResponsePlanSchema = z.object({
  kind: z.literal('demand-response'),
  feederId: id,
  start: z.iso.datetime({ offset: true }),
  steps: z
    .array(
      z.object({
        /** Flexible load switched off (kW) and EV charging moved out of this step (kW). */
        shedKw: z.number().min(0).max(100_000),
        shiftEvKw: z.number().min(0).max(100_000),
        /** Battery output asked for (kW, positive discharging), on top of its own schedule. */
        batteryKw: z.number().min(-100_000).max(100_000),
      }),
    )
    .min(1)
    .max(96),
  durationMin: z.number().int().min(15).max(24 * 60),
});

/** Keep through traffic out of an area (a low-emission zone for a while) around an air station. */
export const trafficRestrictionPlanSchema = z.object({
  kind: z.literal('traffic-restriction'),
  stationId: id,
  /** The restricted segments. */
  segments: z.array(id).min(1).max(2000),
  /** Share of trips into the area that are kept out (rerouted or not made), 0–1. */
  reduction: z.number().min(0).max(1),
  durationMin: z.number().int().min(15).max(24 * 60),
});

export const actionPlanSchema = z.discriminatedUnion('kind', [signalPlanSchema, demandResponsePlanSchema, trafficRestrictionPlanSchema]);
export type ActionPlan = z.infer<typeof actionPlanSchema>;
export type ActionKind = ActionPlan['kind'];
export const actionKindSchema = z.enum(['signal-retiming', 'demand-response', 'traffic-restriction']);

/** One point of a predicted (or observed) effect, in minutes from the plan's start. */
export const impactPointSchema = z.object({
  minute: z.number().min(0).max(24 * 60),
  /** The metric without the plan and with it (the twin run forward from the same state). */
  baseline: z.number(),
  withPlan: z.number(),
});

/** What a plan is predicted to do, from the twin run forward with and without it. */
export const impactSchema = z.object({
  /** e.g. "Mean delay on the corridor", "Peak load on Feeder 12", "NO2 at Station 4". */
  metric: z.string().min(1).max(200),
  unit: z.string().max(20),
  /** Whether less is better (delay, load, NO2) — it always is for these three kinds. */
  lowerIsBetter: z.boolean(),
  /** The headline: e.g. minutes of delay saved, peak kW reduced, AQI points lowered. */
  headline: z.object({ label: z.string().max(200), value: z.number(), unit: z.string().max(20) }),
  /** Over the horizon: mean (or peak) of the metric without and with the plan. */
  baseline: z.number(),
  withPlan: z.number(),
  series: z.array(impactPointSchema).max(24 * 60),
  /** Other figures of the same runs, e.g. overload minutes and capacity (feeders), PM2.5 and AQI (stations). */
  measures: z
    .array(z.object({ label: z.string().max(200), unit: z.string().max(20), baseline: z.number(), withPlan: z.number() }))
    .max(10)
    .optional(),
  horizonMin: z.number().int().min(1).max(24 * 60),
  /** In English (audit, API clients); assumptionTexts says the same in codes, for every language. */
  assumptions: z.array(z.string().max(500)).max(20),
  /**
   * The assumptions as message codes (lib/protocol/texts.ts), not one to one with the English lines
   * (a list the English writes in one sentence may be a line per item). Absent on impacts stored
   * before codes, and dropped whole if one code is unknown to this version: the English shows then.
   */
  assumptionTexts: z.array(textSchema).max(40).optional().catch(undefined),
  /** Twin time the forward runs started from. */
  from: z.iso.datetime({ offset: true }),
});
export type Impact = z.infer<typeof impactSchema>;

/** What the plan is about, for the map preview and the lists. */
export const actionTargetSchema = z.object({
  kind: z.enum(['corridor', 'intersection', 'feeder', 'station']),
  id: id,
  name: z.string().max(200),
  location: lonLatSchema,
  /** Segments (traffic plans) or the feeder whose look changes on the map while previewed or active. */
  segments: z.array(id).max(2000),
});
export type ActionTarget = z.infer<typeof actionTargetSchema>;

/** An optimiser's answer: POST /v1/optimize/{signals|grid|air}. */
export const proposalSchema = z.object({
  /** In English; titleText in codes, for every language. */
  title: z.string().min(1).max(300),
  titleText: textSchema,
  target: actionTargetSchema,
  plan: actionPlanSchema,
  impact: impactSchema,
  /** The method, e.g. "Webster cycle and splits, offsets from free-flow travel times". */
  method: z.string().max(300),
  methodText: textSchema,
  modelVersion: z.string().max(100),
});
export type Proposal = z.infer<typeof proposalSchema>;

/** Requests to the optimisers. */
export const optimizeSignalsRequestSchema = z
  .object({
    /** A corridor: segment ids in driving order; or one intersection. */
    corridor: z.array(id).min(1).max(200).optional(),
    intersectionId: id.optional(),
    horizonMin: z.number().int().min(5).max(120).default(30),
  })
  .strict()
  .refine((r) => !!r.corridor !== !!r.intersectionId, { message: 'give either corridor or intersectionId', path: ['corridor'] });
export const optimizeGridRequestSchema = z.object({ feederId: id, horizonMin: z.number().int().min(15).max(24 * 60).default(240) }).strict();
export const optimizeAirRequestSchema = z
  .object({ stationId: id, horizonMin: z.number().int().min(15).max(12 * 60).default(120), aqiThreshold: z.number().min(0).max(500).default(100) })
  .strict();

/** The field's actuation API (the twin's, or an adapter to real controllers): POST /v1/actuations. */
export const actuationRequestSchema = z
  .object({
    /** The action's id: the field carries an id out once, whatever number of times it is sent. */
    actionId: z.uuid(),
    plan: actionPlanSchema,
  })
  .strict();
export type ActuationRequest = z.infer<typeof actuationRequestSchema>;

export const actuationStatusSchema = z.object({
  actionId: z.uuid(),
  state: z.enum(['active', 'ended', 'rolled-back']),
  /** Field (twin) times. */
  appliedAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  /** true when this request found the actuation already in place (a retry): nothing was done again. */
  duplicate: z.boolean(),
});
export type ActuationStatus = z.infer<typeof actuationStatusSchema>;

/** One approach of a signalised intersection: an incoming segment and the axis it arrives on. */
export const signalApproachSchema = z.object({
  segmentId: id,
  street: z.string().max(200),
  axis: z.enum(['north-south', 'east-west']),
  /** Stop-line saturation flow (veh/h) while green: Webster's s. */
  saturationVph: z.number().positive(),
});

/** A signalised intersection of the twin's city (GET /v1/signals/intersections), with its timing now. */
export const signalIntersectionSchema = z.object({
  /** `j<node index>`: stable for a city. */
  id: id,
  /** e.g. "High Street × Mill Road". */
  name: z.string().max(200),
  location: lonLatSchema,
  approaches: z.array(signalApproachSchema).min(1).max(16),
  timing: intersectionTimingSchema,
  /** The actuation in force on it, if any. */
  actionId: z.uuid().nullable(),
});
export type SignalIntersection = z.infer<typeof signalIntersectionSchema>;
export const signalIntersectionsSchema = z.object({ intersections: z.array(signalIntersectionSchema) });
