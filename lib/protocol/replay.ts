import { z } from 'zod';

/**
 * Replay of the past for the control room's timeline: GET /v1/replay/{layer}?from=…&to=… answers
 * with the layer's 5-minute rollups as one compact column-major frame set, not per-item JSON: the
 * ids once, then for each column `steps × ids.length` values, frame by frame
 * (value of id i in frame k at k·ids.length + i), null where a bucket has no reading.
 */
const isoDateTime = z.iso.datetime({ offset: true });

export const replayLayerSchema = z.enum(['traffic', 'grid', 'air']);
export type ReplayLayer = z.infer<typeof replayLayerSchema>;

/** Columns each layer's frames carry. */
export const replayColumns = {
  traffic: ['speedKmh', 'flowVph'],
  grid: ['loadKw'],
  air: ['pm25', 'no2', 'o3'],
} as const satisfies Record<ReplayLayer, readonly string[]>;

export const REPLAY_STEP_SECONDS = 300;
/** Frames per request: two hours of 5-minute buckets keeps a 50,000-segment answer near 1.2 M values. */
export const MAX_REPLAY_STEPS = 24;
/** How far back the timeline scrubs. */
export const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

export const replayQuerySchema = z
  .object({
    from: isoDateTime,
    to: isoDateTime,
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: 'must be after from', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_REPLAY_STEPS * REPLAY_STEP_SECONDS * 1000, {
    message: `must be at most ${MAX_REPLAY_STEPS} five-minute steps after from`,
    path: ['to'],
  });
export type ReplayQuery = z.infer<typeof replayQuerySchema>;

export const replayFramesSchema = z
  .object({
    layer: replayLayerSchema,
    /** Start of the first 5-minute bucket. */
    start: isoDateTime,
    stepSeconds: z.literal(REPLAY_STEP_SECONDS),
    steps: z.number().int().min(0).max(MAX_REPLAY_STEPS),
    ids: z.array(z.string()),
    columns: z.record(z.string(), z.array(z.number().nullable())),
  })
  .superRefine((f, ctx) => {
    for (const [name, values] of Object.entries(f.columns))
      if (values.length !== f.steps * f.ids.length)
        ctx.addIssue({ code: 'custom', path: ['columns', name], message: `must hold steps × ids (${f.steps * f.ids.length}) values` });
  });
export type ReplayFrames = z.infer<typeof replayFramesSchema>;

/** GET /v1/replay: the span of stored history per layer (null: none yet). */
export const replayRangeSchema = z.object({
  traffic: z.object({ from: isoDateTime, until: isoDateTime }).nullable(),
  grid: z.object({ from: isoDateTime, until: isoDateTime }).nullable(),
  air: z.object({ from: isoDateTime, until: isoDateTime }).nullable(),
});
export type ReplayRange = z.infer<typeof replayRangeSchema>;
