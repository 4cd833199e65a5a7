import { z } from 'zod';
import { lonLatSchema } from '../domain/road';

/**
 * The electricity grid as NGSI-LD entities (Smart Data Models, keyValues form).
 *
 * Why these models:
 * - Static assets come from dataModel.EnergyCIM (the IEC 61970 CIM as SDM): `Substation`, and
 *   `ACLineSegment` for a feeder (the CIM class of a distribution line; our feeder is one line
 *   drawn from its substation). CIM keeps ratings in separate limit objects; a flat `ratedPower`
 *   (kW) extension says it here, and `refSubstation` names the feeding substation.
 * - Battery sites are dataModel.Battery `StorageBatteryDevice` (its own `storableEnergy` kWh,
 *   `maxOutputPower`/`chargePower`/`dischargePower` kW), with a `refACLineSegment` extension.
 * - Measurements are dataModel.Energy `ThreePhaseAcMeasurement` (what a feeder-head or
 *   substation meter reports: `totalActivePower` in W, positive when consumed, per-phase
 *   `activePower`), pointing at the asset with `refTargetDevice`; and dataModel.Battery
 *   `StorageBatteryMeasurement` (`stateOfCharge` 0–1, `batteryStatus`) for batteries.
 *   Extensions: `dateObserved` (the models have only creation dates), `solarPower` and
 *   `evChargingPower` (W, what the feeder's rooftop PV makes and its EV chargers draw), and
 *   `outputPower` (W, battery: positive discharging into the grid, negative charging).
 */
export const SDM_ENERGY_CIM_CONTEXT = 'https://raw.githubusercontent.com/smart-data-models/dataModel.EnergyCIM/master/context.jsonld';
export const SDM_ENERGY_CONTEXT = 'https://raw.githubusercontent.com/smart-data-models/dataModel.Energy/master/context.jsonld';
export const SDM_BATTERY_CONTEXT = 'https://raw.githubusercontent.com/smart-data-models/dataModel.Battery/master/context.jsonld';

export const gridAssetTypes = ['Substation', 'ACLineSegment', 'StorageBatteryDevice'] as const;
export type GridAssetType = (typeof gridAssetTypes)[number];

const isoDateTime = z.iso.datetime({ offset: true });
/** Asset ids are the short ids of the grid layer (lib/protocol/grid.ts), so the urn suffix is one too. */
const urnOf = (...types: readonly string[]) =>
  z
    .string()
    .max(256)
    .regex(new RegExp(`^urn:ngsi-ld:(${types.join('|')}):[A-Za-z0-9._-]{1,64}$`), `must be a urn:ngsi-ld:${types.join(' or ')}:… id`);
const context = z.union([z.string().url(), z.array(z.union([z.string().url(), z.record(z.string(), z.unknown())]))]).optional();
const point = z.object({ type: z.literal('Point'), coordinates: lonLatSchema });
const lineString = z.object({ type: z.literal('LineString'), coordinates: z.array(lonLatSchema).min(2).max(500) });
const watts = (max: number) => z.number().min(-max).max(max);

export const substationEntitySchema = z.object({
  '@context': context,
  id: urnOf('Substation'),
  type: z.literal('Substation'),
  name: z.string().min(1).max(200),
  location: point,
  /** Extension: rated (firm) capacity of its transformers, kW. */
  ratedPower: z.number().positive().max(1_000_000),
  areaServed: z.string().max(200).optional(),
  dataProvider: z.string().max(100).optional(),
});

export const acLineSegmentEntitySchema = z.object({
  '@context': context,
  id: urnOf('ACLineSegment'),
  type: z.literal('ACLineSegment'),
  name: z.string().min(1).max(200),
  /** The feeder's route from its substation. */
  location: lineString,
  /** Extension: the substation feeding it. */
  refSubstation: urnOf('Substation'),
  /** Extension: thermal rating of the feeder, kW. */
  ratedPower: z.number().positive().max(200_000),
  dataProvider: z.string().max(100).optional(),
});

export const storageBatteryDeviceEntitySchema = z.object({
  '@context': context,
  id: urnOf('StorageBatteryDevice'),
  type: z.literal('StorageBatteryDevice'),
  name: z.string().min(1).max(200),
  location: point,
  /** kWh */
  storableEnergy: z.number().positive().max(1_000_000),
  /** kW */
  maxOutputPower: z.number().positive().max(500_000),
  chargePower: z.number().positive().max(500_000).optional(),
  dischargePower: z.number().positive().max(500_000).optional(),
  batteryType: z.string().max(50).optional(),
  application: z.array(z.string().max(50)).max(10).optional(),
  /** Extension: the feeder it is connected to. */
  refACLineSegment: urnOf('ACLineSegment'),
  dataProvider: z.string().max(100).optional(),
});

const phases = (max: number) => z.object({ L1: watts(max), L2: watts(max), L3: watts(max) });

export const threePhaseAcMeasurementEntitySchema = z.object({
  '@context': context,
  id: urnOf('ThreePhaseAcMeasurement'),
  type: z.literal('ThreePhaseAcMeasurement'),
  /** The one asset measured: a feeder (ACLineSegment) or a substation. */
  refTargetDevice: z.tuple([urnOf('ACLineSegment', 'Substation')]),
  /** Extension: when the meter read. */
  dateObserved: isoDateTime,
  /** W; negative when the feeder exports (rooftop solar above demand). */
  totalActivePower: watts(2e9),
  activePower: phases(1e9).optional(),
  totalReactivePower: watts(2e9).optional(),
  frequency: z.number().min(40).max(70).optional(),
  /** Extension: rooftop solar generation behind the meter, W. */
  solarPower: z.number().min(0).max(2e8).optional(),
  /** Extension: EV charging demand behind the meter, W. */
  evChargingPower: z.number().min(0).max(2e8).optional(),
  dataProvider: z.string().max(100).optional(),
});

export const storageBatteryMeasurementEntitySchema = z.object({
  '@context': context,
  id: urnOf('StorageBatteryMeasurement'),
  type: z.literal('StorageBatteryMeasurement'),
  refStorageBatteryDevice: urnOf('StorageBatteryDevice'),
  dateObserved: isoDateTime,
  /** 0–1 */
  stateOfCharge: z.number().min(0).max(1),
  batteryStatus: z.enum(['charging', 'discharging', 'standby']).optional(),
  /** Extension: W, positive discharging into the grid, negative charging. */
  outputPower: watts(5e8),
  dataProvider: z.string().max(100).optional(),
});

export type SubstationEntity = z.infer<typeof substationEntitySchema>;
export type AcLineSegmentEntity = z.infer<typeof acLineSegmentEntitySchema>;
export type StorageBatteryDeviceEntity = z.infer<typeof storageBatteryDeviceEntitySchema>;
export type ThreePhaseAcMeasurementEntity = z.infer<typeof threePhaseAcMeasurementEntitySchema>;
export type StorageBatteryMeasurementEntity = z.infer<typeof storageBatteryMeasurementEntitySchema>;

export function gridUrn(type: GridAssetType | 'ThreePhaseAcMeasurement' | 'StorageBatteryMeasurement', id: string): string {
  return `urn:ngsi-ld:${type}:${id}`;
}
