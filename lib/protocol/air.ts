import { z } from 'zod';
import { lonLatSchema } from '../domain/road';

export const aqiStandardSchema = z.enum(['us-epa', 'cn-hj633']);
export type AqiStandard = z.infer<typeof aqiStandardSchema>;

export const pollutantSchema = z.enum(['pm25', 'pm10', 'no2', 'o3', 'co']);
export type Pollutant = z.infer<typeof pollutantSchema>;

/**
 * The current reading of one air-quality station (from NGSI-LD AirQualityObserved), with the
 * AQI the model services computed under the configured standard. Units: µg/m³, CO in mg/m³.
 */
export const airReadingSchema = z.object({
  name: z.string().min(1).max(200),
  location: lonLatSchema,
  pm25: z.number().min(0).max(2000),
  pm10: z.number().min(0).max(3000),
  no2: z.number().min(0).max(4000),
  o3: z.number().min(0).max(2000),
  co: z.number().min(0).max(200),
  aqi: z.number().int().min(0).max(1000),
  /** 1 (good / 优) … 6 (hazardous / 严重): both standards have six bands. */
  aqiLevel: z.number().int().min(1).max(6),
  aqiStandard: aqiStandardSchema,
  /** The pollutant that sets the AQI. */
  dominant: pollutantSchema,
  observedAt: z.iso.datetime({ offset: true }),
});
export type AirReading = z.infer<typeof airReadingSchema>;
