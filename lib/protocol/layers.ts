import { z } from 'zod';
import { airReadingSchema } from './air';
import { gridItemSchema } from './grid';
import { incidentSchema } from './incidents';
import { trafficReadingSchema } from './traffic';
import { vehicleSchema } from './transit';
import { weatherReadingSchema } from './weather';

/**
 * Every live layer of the city and the schema of one item in it. A layer is a map from id to
 * item: the model services serve it at GET /v1/state/{layer}, the gateway versions it and sends
 * snapshots and deltas of it, and the browser keeps it in the react-query cache.
 */
export const layerItemSchemas = {
  traffic: trafficReadingSchema,
  grid: gridItemSchema,
  air: airReadingSchema,
  weather: weatherReadingSchema,
  transit: vehicleSchema,
  incidents: incidentSchema,
} as const;

export const layerNames = ['traffic', 'grid', 'air', 'weather', 'transit', 'incidents'] as const;
export const layerNameSchema = z.enum(layerNames);
export type LayerName = z.infer<typeof layerNameSchema>;
export type LayerItem<L extends LayerName = LayerName> = z.infer<(typeof layerItemSchemas)[L]>;

const isoDateTime = z.iso.datetime({ offset: true });

/** GET /v1/state/{layer}: the newest item of every id that has one. */
export function layerStateSchemaOf<L extends LayerName>(layer: L) {
  return z.object({
    /** Who produced the newest data (NGSI-LD dataProvider, GTFS-RT feed), e.g. "city-twin". */
    source: z.string().nullable(),
    /** Time of the newest observation held, or null. */
    asOf: isoDateTime.nullable(),
    items: z.record(z.string(), layerItemSchemas[layer] as (typeof layerItemSchemas)[L]),
  });
}
export interface LayerState<L extends LayerName = LayerName> {
  source: string | null;
  asOf: string | null;
  items: Record<string, LayerItem<L>>;
}
