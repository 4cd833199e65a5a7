import { z } from 'zod';

/** OSM-style road classes, from the ring motorway down to local streets. */
export const roadClassSchema = z.enum(['motorway', 'primary', 'secondary', 'tertiary', 'residential']);
export type RoadClass = z.infer<typeof roadClassSchema>;

/** What each class is called in the control room. */
export const roadClassLabel: Record<RoadClass, string> = {
  motorway: 'Ring road',
  primary: 'Arterial',
  secondary: 'Collector',
  tertiary: 'Collector (minor)',
  residential: 'Local street',
};

export const lonLatSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export type LonLat = z.infer<typeof lonLatSchema>;

/** A directed road segment as the model services and the browser know it. */
export const roadSegmentSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  roadClass: roadClassSchema,
  lanes: z.number().int().min(1).max(8),
  freeFlowKmh: z.number().positive().max(200),
  capacityVph: z.number().positive().max(20_000),
  lengthM: z.number().positive().max(50_000),
  /** Directed polyline, first point at the upstream end. */
  path: z.array(lonLatSchema).min(2).max(500),
});
export type RoadSegment = z.infer<typeof roadSegmentSchema>;
