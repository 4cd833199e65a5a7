import { z } from 'zod';
import { lonLatSchema } from '../domain/road';
import { storedTextSchema } from './texts';

const isoDateTime = z.iso.datetime({ offset: true });

export const incidentKindSchema = z.enum(['crash', 'breakdown', 'roadworks', 'event']);
export type IncidentKind = z.infer<typeof incidentKindSchema>;

/** An incident on the road network now (from NGSI-LD Alert), keyed by its id; gone when it ends. */
export const incidentSchema = z.object({
  kind: incidentKindSchema,
  severity: z.enum(['low', 'medium', 'high']),
  segmentId: z.string().min(1).max(64),
  location: lonLatSchema,
  /** As the field wrote it (free text, in the field's language). */
  description: z.string().max(500),
  /** The description as a message code and parameters, when the field sends one (the twin does): shown in the reader's language. */
  descriptionText: storedTextSchema.optional(),
  /** Share of the segment's capacity left while it lasts, 0–1. */
  capacityFactor: z.number().min(0).max(1),
  startedAt: isoDateTime,
  /** Expected end, when known. */
  endsAt: isoDateTime.nullable(),
});
export type Incident = z.infer<typeof incidentSchema>;
