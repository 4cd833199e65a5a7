import type { WeatherReading } from '@/lib/protocol/weather';
import type { Queryable } from '../../store/sql';

/** One station's reading as the store keeps it (weather_obs), for forecasting and KPIs later. */
export interface WeatherRow {
  stationId: string;
  reading: WeatherReading;
  pressureHpa: number | null;
  source: string | null;
}

/** Idempotent: the same station and time twice is one row. */
export async function insertWeather(db: Queryable, rows: readonly WeatherRow[]): Promise<void> {
  if (!rows.length) return;
  const col = <T>(f: (r: WeatherRow) => T) => rows.map(f);
  await db.query(
    `insert into weather_obs (station_id, observed_at, name, lon, lat, temperature_c, relative_humidity, wind_speed_ms,
       wind_direction_deg, solar_wm2, precipitation_mmh, pressure_hpa, cloud_cover, mixing_height_m, source)
     select * from unnest($1::text[], $2::timestamptz[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[],
       $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::float8[], $14::float8[], $15::text[])
     on conflict (station_id, observed_at) do update set name = excluded.name, lon = excluded.lon, lat = excluded.lat,
       temperature_c = excluded.temperature_c, relative_humidity = excluded.relative_humidity, wind_speed_ms = excluded.wind_speed_ms,
       wind_direction_deg = excluded.wind_direction_deg, solar_wm2 = excluded.solar_wm2, precipitation_mmh = excluded.precipitation_mmh,
       pressure_hpa = excluded.pressure_hpa, cloud_cover = excluded.cloud_cover, mixing_height_m = excluded.mixing_height_m,
       source = excluded.source`,
    [
      col((r) => r.stationId),
      col((r) => r.reading.observedAt),
      col((r) => r.reading.name),
      col((r) => r.reading.location[0]),
      col((r) => r.reading.location[1]),
      col((r) => r.reading.temperatureC),
      col((r) => r.reading.relativeHumidity),
      col((r) => r.reading.windSpeedMs),
      col((r) => r.reading.windDirectionDeg),
      col((r) => r.reading.solarRadiationWm2),
      col((r) => r.reading.precipitationMmH),
      col((r) => r.pressureHpa),
      col((r) => r.reading.cloudCover ?? null),
      col((r) => r.reading.mixingHeightM ?? null),
      col((r) => r.source),
    ],
  );
}

/** The newest reading of every station, to rebuild the weather layer on start. */
export async function latestWeather(db: Queryable): Promise<WeatherRow[]> {
  const rows = await db.query<{
    station_id: string;
    observed_at: Date | string;
    name: string;
    lon: number;
    lat: number;
    temperature_c: number;
    relative_humidity: number;
    wind_speed_ms: number;
    wind_direction_deg: number;
    solar_wm2: number;
    precipitation_mmh: number;
    pressure_hpa: number | null;
    cloud_cover: number | null;
    mixing_height_m: number | null;
    source: string | null;
  }>(`select distinct on (station_id) * from weather_obs order by station_id, observed_at desc`);
  return rows.map((r) => ({
    stationId: r.station_id,
    pressureHpa: r.pressure_hpa,
    source: r.source,
    reading: {
      name: r.name,
      location: [r.lon, r.lat],
      temperatureC: r.temperature_c,
      relativeHumidity: r.relative_humidity,
      windSpeedMs: r.wind_speed_ms,
      windDirectionDeg: r.wind_direction_deg,
      solarRadiationWm2: r.solar_wm2,
      precipitationMmH: r.precipitation_mmh,
      ...(r.cloud_cover !== null ? { cloudCover: r.cloud_cover } : {}),
      ...(r.mixing_height_m !== null ? { mixingHeightM: r.mixing_height_m } : {}),
      observedAt: new Date(r.observed_at).toISOString(),
    },
  }));
}
