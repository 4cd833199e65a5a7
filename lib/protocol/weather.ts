import { z } from 'zod';
import { lonLatSchema } from '../domain/road';

/**
 * The current weather at one station, as the model services keep it (from NGSI-LD
 * WeatherObserved). SI units as in the Smart Data Models: °C, m/s, W/m², mm/h.
 */
export const weatherReadingSchema = z.object({
  name: z.string().min(1).max(200),
  location: lonLatSchema,
  temperatureC: z.number().min(-60).max(60),
  /** 0–1, as in the data model. */
  relativeHumidity: z.number().min(0).max(1),
  windSpeedMs: z.number().min(0).max(80),
  /** Direction the wind blows from, degrees clockwise from north. */
  windDirectionDeg: z.number().min(0).max(360),
  solarRadiationWm2: z.number().min(0).max(1500),
  precipitationMmH: z.number().min(0).max(300),
  /** 0–1 cloud cover, when the station reports it. */
  cloudCover: z.number().min(0).max(1).optional(),
  /** Height of the mixing layer in metres: low under an inversion, when reported. */
  mixingHeightM: z.number().min(0).max(5000).optional(),
  observedAt: z.iso.datetime({ offset: true }),
});
export type WeatherReading = z.infer<typeof weatherReadingSchema>;
