import { z } from 'zod';
import { actionPlanSchema } from './actuation';

/**
 * The twin's what-if (POST /v1/what-if): run the twin forward from its current state twice, with and
 * without the plan, and answer the plan kind's metric (lib/protocol/actuation.ts impactSchema).
 */
export const whatIfRequestSchema = z
  .object({
    plan: actionPlanSchema,
    /** Twin minutes to run forward; each branch steps every 10 s, so 240 min is 1,440 steps. */
    horizonMin: z.number().int().min(5).max(240).default(30),
  })
  .strict();
export type WhatIfRequest = z.infer<typeof whatIfRequestSchema>;
