import { z } from 'zod';
import { incidentKindSchema } from './incidents';

/**
 * The twin's control endpoint (TWIN_CONTROL_PORT, loopback only, off by default): drills and
 * end-to-end tests cause things in the simulated city the way the field would.
 */

/** POST /incidents: cut a segment's capacity from now for a while. */
export const incidentRequestSchema = z
  .object({
    segmentId: z.string().min(1).max(64),
    /** Share of capacity left, 0 (closed) … 1. */
    capacityFactor: z.number().min(0).max(1).default(0.05),
    minutes: z.number().positive().max(24 * 60).default(30),
    kind: incidentKindSchema.default('crash'),
    severity: z.enum(['low', 'medium', 'high']).optional(),
  })
  .strict();
export type IncidentRequest = z.input<typeof incidentRequestSchema>;

export const incidentResponseSchema = z.object({
  id: z.string(),
  segmentId: z.string(),
  description: z.string(),
  severity: z.enum(['low', 'medium', 'high']),
});
export type IncidentResponse = z.infer<typeof incidentResponseSchema>;
