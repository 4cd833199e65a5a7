import { z } from 'zod';
import { lonLatSchema } from '../domain/road';

/**
 * Air-quality readings as NGSI-LD entities: the Smart Data Models `AirQualityObserved`
 * (dataModel.Environment, https://github.com/smart-data-models/dataModel.Environment) in
 * keyValues form. keyValues carry no unit codes, so the units are fixed here (docs/API.md):
 * pm25, pm10, no2, o3 in µg/m³ (unitCode GQ) and co in mg/m³ (GP), as HJ 633 and European
 * networks report them. One entity per station (`urn:ngsi-ld:AirQualityObserved:{station}`),
 * its newest reading; `stationCode` and `stationName` as the data model's public instances use.
 */
export const SDM_ENVIRONMENT_CONTEXT = 'https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/context.jsonld';

const isoDateTime = z.iso.datetime({ offset: true });
const context = z.union([z.string().url(), z.array(z.union([z.string().url(), z.record(z.string(), z.unknown())]))]).optional();
const concentration = (max: number) => z.number().min(0).max(max);

export const airQualityObservedEntitySchema = z.object({
  '@context': context,
  /** Its short id keys the air layer. */
  id: z
    .string()
    .max(256)
    .regex(/^urn:ngsi-ld:AirQualityObserved:[A-Za-z0-9._-]{1,64}$/, 'must be a urn:ngsi-ld:AirQualityObserved:… id'),
  type: z.literal('AirQualityObserved'),
  name: z.string().min(1).max(200),
  stationCode: z.string().min(1).max(64).optional(),
  /** The district the station serves. */
  areaServed: z.string().max(200).optional(),
  /** "traffic" (roadside) or "background", as European networks classify stations. */
  typeOfLocation: z.string().max(64).optional(),
  location: z.object({ type: z.literal('Point'), coordinates: lonLatSchema }),
  dateObserved: isoDateTime,
  /** µg/m³; ranges as the air layer's (lib/protocol/air.ts). */
  pm25: concentration(2000),
  pm10: concentration(3000),
  no2: concentration(4000),
  o3: concentration(2000),
  /** mg/m³ */
  co: concentration(200),
  /** Nitric oxide, µg/m³: optional, shows where traffic titrates O3. */
  no: concentration(4000).optional(),
  /** An AQI the sender computed; the model services compute their own under AQI_STANDARD. */
  airQualityIndex: z.number().min(0).max(1000).optional(),
  airQualityLevel: z.string().max(64).optional(),
  refDevice: z.string().max(256).optional(),
  dataProvider: z.string().max(100).optional(),
});
export type AirQualityObservedEntity = z.infer<typeof airQualityObservedEntitySchema>;
