import type { GtfsFeed } from '@/lib/gtfs/schema';
import type { Entity } from '@/lib/protocol/ngsi';
import type { City } from './city';
import type { TrafficSim } from './sim';

/** The weather now, as the other domains feel it (the weather domain produces it). */
export interface WeatherNow {
  temperatureC: number;
  /** 0–1 */
  relativeHumidity: number;
  windSpeedMs: number;
  /** Degrees clockwise from north the wind blows from. */
  windDirectionDeg: number;
  solarRadiationWm2: number;
  precipitationMmH: number;
  /** 0–1 */
  cloudCover: number;
  /** Mixing-layer height in metres: low at night and under inversions, which trap pollution. */
  mixingHeightM: number;
}

/** What every domain of the twin can see: the city, its traffic, the weather, the seed. */
export interface TwinContext {
  city: City;
  traffic: TrafficSim;
  seed: number;
  /** An imported city's GTFS feed (npm run city:import): transit runs it instead of generating one. */
  gtfs?: GtfsFeed;
  /** The weather at the current twin time. */
  weather: () => WeatherNow;
}

/**
 * One domain of the city twin beyond road traffic (weather, grid, air, transit, incidents).
 * World steps each after the traffic, in the order of twin-domains.ts.
 */
export interface TwinDomain {
  name: string;
  /** Static entities to register with the model services at start (stations, feeders…). */
  registration: () => Entity[];
  /** Advance to twin time `time` (ms); the traffic has already stepped there. */
  step: (time: number) => void;
  /** What the field would report now, as NGSI-LD entities; [] when nothing is due. */
  observations: () => Entity[];
  /**
   * Take over the state of the same domain of another world of the same city and seed (a what-if
   * fork). A domain without it starts afresh at the fork's time, which is fine for what no
   * what-if measures (transit).
   */
  copyFrom?: (other: TwinDomain) => void;
}
