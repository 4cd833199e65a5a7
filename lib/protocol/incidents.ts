import { z } from 'zod';
import { lonLatSchema } from '../domain/road';

const isoDateTime = z.iso.datetime({ offset: true });

export const incidentKindSchema = z.enum(['crash', 'breakdown', 'roadworks', 'event']);
export type IncidentKind = z.infer<typeof incidentKindSchema>;

/** An incident on the road network now (from NGSI-LD Alert), keyed by its id; gone when it ends. */
export const incidentSchema = z.object({
  kind: incidentKindSchema,
  severity: z.enum(['low', 'medium', 'high']),
  segmentId: z.string().min(1).max(64),
  location: lonLatSchema,
  description: z.string().max(500),
  /** Share of the segment's capacity left while it lasts, 0–1. */
  capacityFactor: z.number().min(0).max(1),
  startedAt: isoDateTime,
  /** Expected end, when known. */
  endsAt: isoDateTime.nullable(),
});
export type Incident = z.infer<typeof incidentSchema>;
