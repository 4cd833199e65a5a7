import { z } from 'zod';
import { lonLatSchema, roadClassSchema } from '../domain/road';

/**
 * The city's own basemap, a GeoJSON FeatureCollection the field (the twin) registers with the
 * model services and the web app serves to maplibre, so the map works with no internet.
 */
const ring = z.array(lonLatSchema).min(4).max(20_000);
const polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(50) });
const line = z.object({ type: z.literal('LineString'), coordinates: z.array(lonLatSchema).min(2).max(20_000) });
const point = z.object({ type: z.literal('Point'), coordinates: lonLatSchema });

const areaFeature = z.object({
  type: z.literal('Feature'),
  geometry: polygon,
  properties: z.object({ kind: z.enum(['land', 'water', 'park', 'district']), name: z.string().max(200).optional() }),
});
const roadFeature = z.object({
  type: z.literal('Feature'),
  geometry: line,
  properties: z.object({ kind: z.literal('road'), name: z.string().max(200), roadClass: roadClassSchema }),
});
const bridgeFeature = z.object({
  type: z.literal('Feature'),
  geometry: line,
  properties: z.object({ kind: z.literal('bridge'), name: z.string().max(200), roadClass: roadClassSchema }),
});
const placeFeature = z.object({
  type: z.literal('Feature'),
  geometry: point,
  properties: z.object({ kind: z.enum(['city', 'district', 'water-label']), name: z.string().max(200) }),
});

export const basemapFeatureSchema = z.union([areaFeature, roadFeature, bridgeFeature, placeFeature]);
export const basemapSchema = z.object({
  type: z.literal('FeatureCollection'),
  /** City name and its centre, for the initial view. */
  name: z.string().min(1).max(200),
  center: lonLatSchema,
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  features: z.array(basemapFeatureSchema).max(200_000),
});
export type Basemap = z.infer<typeof basemapSchema>;
export type BasemapFeature = z.infer<typeof basemapFeatureSchema>;
