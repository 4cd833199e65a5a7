import { z } from 'zod';

/** The current reading of one directed segment, as the model services keep it. */
export const trafficReadingSchema = z.object({
  speedKmh: z.number().min(0).max(250),
  flowVph: z.number().min(0).max(50_000),
  occupancy: z.number().min(0).max(1),
  /** Twin or field time of the observation (ISO 8601). */
  observedAt: z.iso.datetime({ offset: true }),
});
export type TrafficReading = z.infer<typeof trafficReadingSchema>;
