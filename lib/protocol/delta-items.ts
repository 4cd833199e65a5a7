import { z } from 'zod';
import { airReadingSchema } from './air';
import { gridItemSchema } from './grid';
import { incidentSchema } from './incidents';
import type { LayerName } from './layers';
import { trafficReadingSchema } from './traffic';
import { vehicleSchema } from './transit';
import { weatherReadingSchema } from './weather';

/**
 * Items as a delta carries them: `observedAt` may be left out when it equals the delta's `asOf`
 * (on a normal tick every reading has the tick's time, ~40 % of its bytes); applying the delta
 * fills it back in, so snapshots and the browser's cache always hold whole items.
 */
const stamp = { observedAt: true } as const;
const [feeder, substation, battery] = gridItemSchema.options;

export const deltaItemSchemas = {
  traffic: trafficReadingSchema.partial(stamp),
  grid: z.discriminatedUnion('kind', [feeder.partial(stamp), substation.partial(stamp), battery.partial(stamp)]),
  air: airReadingSchema.partial(stamp),
  weather: weatherReadingSchema.partial(stamp),
  transit: vehicleSchema.partial(stamp),
  // Incidents carry startedAt/endsAt, not an observation time: sent whole.
  incidents: incidentSchema,
} as const;

export type DeltaItem<L extends LayerName = LayerName> = z.infer<(typeof deltaItemSchemas)[L]>;

export { stampedLayers } from './stamped-layers';
