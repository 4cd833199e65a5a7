import { z } from 'zod';
import { lonLatSchema } from '../domain/road';

const isoDateTime = z.iso.datetime({ offset: true });
const assetId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be an asset id');

/** The static electricity grid: substations, the feeders they serve, battery storage sites. */
export const substationSchema = z.object({
  id: assetId,
  name: z.string().min(1).max(200),
  location: lonLatSchema,
  capacityKw: z.number().positive().max(1_000_000),
});
export const feederSchema = z.object({
  id: assetId,
  name: z.string().min(1).max(200),
  substationId: assetId,
  /** Route of the feeder from its substation, for drawing. */
  path: z.array(lonLatSchema).min(2).max(500),
  capacityKw: z.number().positive().max(200_000),
});
export const batterySchema = z.object({
  id: assetId,
  name: z.string().min(1).max(200),
  location: lonLatSchema,
  feederId: assetId,
  energyKwh: z.number().positive().max(1_000_000),
  powerKw: z.number().positive().max(500_000),
});
export type Substation = z.infer<typeof substationSchema>;
export type Feeder = z.infer<typeof feederSchema>;
export type Battery = z.infer<typeof batterySchema>;

/** GET /v1/grid/network */
export const gridNetworkSchema = z.object({
  substations: z.array(substationSchema),
  feeders: z.array(feederSchema),
  batteries: z.array(batterySchema),
});
export type GridNetwork = z.infer<typeof gridNetworkSchema>;

/** Live state of one grid asset, keyed by its id in the grid layer. Load is net of rooftop solar. */
export const gridItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('feeder'),
    loadKw: z.number().min(-200_000).max(400_000),
    capacityKw: z.number().positive(),
    /** loadKw / capacityKw; over 1 is an overload. */
    utilisation: z.number().min(-2).max(5),
    solarKw: z.number().min(0).max(200_000),
    evKw: z.number().min(0).max(200_000),
    observedAt: isoDateTime,
  }),
  z.object({
    kind: z.literal('substation'),
    loadKw: z.number().min(-1_000_000).max(2_000_000),
    capacityKw: z.number().positive(),
    utilisation: z.number().min(-2).max(5),
    observedAt: isoDateTime,
  }),
  z.object({
    kind: z.literal('battery'),
    /** Positive while discharging into the grid, negative while charging. */
    powerKw: z.number().min(-500_000).max(500_000),
    /** State of charge, 0–1. */
    stateOfCharge: z.number().min(0).max(1),
    observedAt: isoDateTime,
  }),
]);
export type GridItem = z.infer<typeof gridItemSchema>;
