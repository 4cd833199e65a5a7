import type { LonLat } from '@/lib/domain/road';
import type { Pollutant } from '@/lib/protocol/air';
import type { Queryable } from '../../store/sql';

/** One raw reading of a station as air_obs keeps it (µg/m³, CO mg/m³), with its station's description. */
export interface AirRow {
  stationId: string;
  name: string;
  stationCode: string | null;
  typeOfLocation: string | null;
  location: LonLat;
  observedAt: string;
  values: Record<Pollutant, number>;
  no: number | null;
  source: string | null;
}

/** Stations as last described, then their readings; idempotent (the same station and time twice is one row). */
export async function insertAir(db: Queryable, rows: readonly AirRow[]): Promise<void> {
  if (!rows.length) return;
  // The newest description of each station in the batch wins.
  const stations = new Map<string, AirRow>();
  for (const r of rows) {
    const held = stations.get(r.stationId);
    if (!held || held.observedAt <= r.observedAt) stations.set(r.stationId, r);
  }
  const st = [...stations.values()];
  await db.query(
    `insert into air_station (id, name, station_code, type_of_location, lon, lat)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[])
     on conflict (id) do update set name = excluded.name, station_code = excluded.station_code,
       type_of_location = excluded.type_of_location, lon = excluded.lon, lat = excluded.lat, updated_at = now()`,
    [st.map((r) => r.stationId), st.map((r) => r.name), st.map((r) => r.stationCode), st.map((r) => r.typeOfLocation), st.map((r) => r.location[0]), st.map((r) => r.location[1])],
  );
  const col = <T>(f: (r: AirRow) => T) => rows.map(f);
  await db.query(
    `insert into air_obs (station_id, observed_at, pm25, pm10, no2, o3, co, no, source)
     select * from unnest($1::text[], $2::timestamptz[], $3::real[], $4::real[], $5::real[], $6::real[], $7::real[], $8::real[], $9::text[])
     on conflict (station_id, observed_at) do update set pm25 = excluded.pm25, pm10 = excluded.pm10, no2 = excluded.no2,
       o3 = excluded.o3, co = excluded.co, no = excluded.no, source = excluded.source`,
    [
      col((r) => r.stationId),
      col((r) => r.observedAt),
      col((r) => r.values.pm25),
      col((r) => r.values.pm10),
      col((r) => r.values.no2),
      col((r) => r.values.o3),
      col((r) => r.values.co),
      col((r) => r.no),
      col((r) => r.source),
    ],
  );
}

/** Every reading of the last `hours` before the newest one held, oldest first: the AQI's running means on start. */
export async function recentAir(db: Queryable, hours: number): Promise<AirRow[]> {
  const rows = await db.query<{
    station_id: string;
    observed_at: Date | string;
    pm25: number;
    pm10: number;
    no2: number;
    o3: number;
    co: number;
    no: number | null;
    source: string | null;
    name: string;
    station_code: string | null;
    type_of_location: string | null;
    lon: number;
    lat: number;
  }>(
    `select o.*, s.name, s.station_code, s.type_of_location, s.lon, s.lat
     from air_obs o join air_station s on s.id = o.station_id
     where o.observed_at > (select max(observed_at) from air_obs) - make_interval(hours => $1::int)
     order by o.observed_at, o.station_id`,
    [hours],
  );
  return rows.map((r) => ({
    stationId: r.station_id,
    name: r.name,
    stationCode: r.station_code,
    typeOfLocation: r.type_of_location,
    location: [r.lon, r.lat],
    observedAt: new Date(r.observed_at).toISOString(),
    values: { pm25: r.pm25, pm10: r.pm10, no2: r.no2, o3: r.o3, co: r.co },
    no: r.no,
    source: r.source,
  }));
}
