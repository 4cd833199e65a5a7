import { z } from 'zod';
import { lonLatSchema } from '../domain/road';

/**
 * Weather observations as NGSI-LD entities: the Smart Data Models `WeatherObserved`
 * (dataModel.Weather, https://github.com/smart-data-models/dataModel.Weather) in keyValues form.
 * Units are the data model's: °C, relative humidity 0–1, m/s, degrees clockwise from north,
 * W/m², litres per m² (= mm) and hPa. Two extensions carry what the air-quality model needs and
 * the data model lacks: `cloudCover` (0–1) and `mixingLayerHeight` (m).
 */
export const SDM_WEATHER_CONTEXT = 'https://raw.githubusercontent.com/smart-data-models/dataModel.Weather/master/context.jsonld';

const isoDateTime = z.iso.datetime({ offset: true });
const context = z.union([z.string().url(), z.array(z.union([z.string().url(), z.record(z.string(), z.unknown())]))]).optional();

export const weatherObservedEntitySchema = z.object({
  '@context': context,
  /** One entity per station: urn:ngsi-ld:WeatherObserved:{station id}; its short id keys the weather layer. */
  id: z
    .string()
    .max(256)
    .regex(/^urn:ngsi-ld:WeatherObserved:[A-Za-z0-9._-]{1,64}$/, 'must be a urn:ngsi-ld:WeatherObserved:… id'),
  type: z.literal('WeatherObserved'),
  name: z.string().min(1).max(200),
  stationCode: z.string().max(64).optional(),
  location: z.object({ type: z.literal('Point'), coordinates: lonLatSchema }),
  dateObserved: isoDateTime,
  temperature: z.number().min(-60).max(60),
  relativeHumidity: z.number().min(0).max(1),
  windSpeed: z.number().min(0).max(80),
  /** The data model allows −180…360 (its own example says −45); the model services keep 0–360. */
  windDirection: z.number().min(-180).max(360),
  solarRadiation: z.number().min(0).max(1500),
  /** Rain over the last hour, litres per m², i.e. the rate in mm/h. */
  precipitation: z.number().min(0).max(300),
  atmosphericPressure: z.number().min(850).max(1100).optional(),
  weatherType: z.string().max(200).optional(),
  /** Extension: cloud cover, 0–1. */
  cloudCover: z.number().min(0).max(1).optional(),
  /** Extension: height of the mixing layer, m; low under an inversion. */
  mixingLayerHeight: z.number().min(0).max(5000).optional(),
  dataProvider: z.string().max(100).optional(),
});
export type WeatherObservedEntity = z.infer<typeof weatherObservedEntitySchema>;
