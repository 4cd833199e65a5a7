import type { Sql } from './sql';

/**
 * Schema, in order. Each step runs once (schema_version); never edit a step that has shipped,
 * add a new one. Raw observations are kept for recent hours only; history lives in 5-minute
 * buckets (a week of 10-second rows for 2,000 segments would be 121 million rows).
 */
const steps: string[] = [
  `create table road_segment (
     id text primary key,
     name text not null,
     road_class text not null,
     lanes int not null,
     free_flow_kmh real not null,
     capacity_vph real not null,
     length_m real not null,
     path jsonb not null,
     updated_at timestamptz not null default now()
   );
   create table city_asset (
     key text primary key,
     body text not null,
     updated_at timestamptz not null default now()
   );
   create table traffic_obs (
     segment_id text not null references road_segment(id),
     observed_at timestamptz not null,
     speed_kmh real not null check (speed_kmh >= 0),
     flow_vph real not null check (flow_vph >= 0),
     occupancy real not null check (occupancy between 0 and 1),
     source text,
     primary key (segment_id, observed_at)
   );
   create index traffic_obs_time on traffic_obs (observed_at);
   create table traffic_5min (
     segment_id text not null references road_segment(id),
     bucket timestamptz not null,
     speed_kmh real not null check (speed_kmh >= 0),
     flow_vph real not null check (flow_vph >= 0),
     n int not null,
     primary key (segment_id, bucket)
   );
   create index traffic_5min_bucket on traffic_5min (bucket);`,
  // Road incidents (NGSI-LD Alert): one row per incident, kept after it ends for clearance-time KPIs.
  `create table incident (
     id text primary key,
     kind text not null,
     severity text not null,
     segment_id text not null,
     lon double precision not null,
     lat double precision not null,
     description text not null,
     capacity_factor real not null check (capacity_factor between 0 and 1),
     valid_from timestamptz not null,
     valid_to timestamptz,
     issued_at timestamptz not null,
     last_seen_at timestamptz not null,
     source text
   );
   create index incident_valid_to on incident (valid_to);
   create index incident_segment on incident (segment_id, valid_from);`,
  // Weather (WeatherObserved) and the electricity grid: registered assets (as their
  // lib/protocol/grid.ts JSON) and the readings of feeders, substations and batteries.
  `create table weather_obs (
     station_id text not null,
     observed_at timestamptz not null,
     name text not null,
     lon double precision not null,
     lat double precision not null,
     temperature_c double precision not null,
     relative_humidity double precision not null check (relative_humidity between 0 and 1),
     wind_speed_ms double precision not null check (wind_speed_ms >= 0),
     wind_direction_deg double precision not null,
     solar_wm2 double precision not null check (solar_wm2 >= 0),
     precipitation_mmh double precision not null check (precipitation_mmh >= 0),
     pressure_hpa double precision,
     cloud_cover double precision,
     mixing_height_m double precision,
     source text,
     primary key (station_id, observed_at)
   );
   create index weather_obs_time on weather_obs (observed_at);
   create table grid_asset (
     id text primary key,
     kind text not null check (kind in ('substation', 'feeder', 'battery')),
     body jsonb not null,
     updated_at timestamptz not null default now()
   );
   create table grid_obs (
     asset_id text not null references grid_asset(id),
     observed_at timestamptz not null,
     kind text not null,
     load_kw double precision not null,
     solar_kw double precision,
     ev_kw double precision,
     state_of_charge double precision check (state_of_charge between 0 and 1),
     source text,
     primary key (asset_id, observed_at)
   );
   create index grid_obs_time on grid_obs (observed_at);`,
  // Transit: the GTFS static feed in use, as fetched (validated) bytes, so a restart without the
  // source still knows the network. One row per source URL; the newest is in use.
  `create table transit_feed (
     url text primary key,
     sha256 text not null,
     zip bytea not null,
     routes int not null,
     stops int not null,
     trips int not null,
     fetched_at timestamptz not null
   );`,
  // Air quality (AirQualityObserved): the stations as last described, and every raw reading
  // (µg/m³, CO mg/m³), kept for the AQI's running means and for forecasting.
  `create table air_station (
     id text primary key,
     name text not null,
     station_code text,
     type_of_location text,
     lon double precision not null,
     lat double precision not null,
     updated_at timestamptz not null default now()
   );
   create table air_obs (
     station_id text not null references air_station(id),
     observed_at timestamptz not null,
     pm25 real not null check (pm25 >= 0),
     pm10 real not null check (pm10 >= 0),
     no2 real not null check (no2 >= 0),
     o3 real not null check (o3 >= 0),
     co real not null check (co >= 0),
     no real check (no >= 0),
     source text,
     primary key (station_id, observed_at)
   );
   create index air_obs_time on air_obs (observed_at);`,
  // Training history beyond traffic (server/models/ml): 5-minute means of grid loads, air and
  // weather, from the twin's backfill and rolled up from the raw readings; and the model
  // registry: every trained version with its metrics and artefact (JSON).
  `create table grid_5min (
     asset_id text not null,
     bucket timestamptz not null,
     kind text not null check (kind in ('feeder', 'substation')),
     load_kw real not null,
     solar_kw real,
     n int not null,
     primary key (asset_id, bucket)
   );
   create index grid_5min_bucket on grid_5min (bucket);
   create table air_5min (
     station_id text not null,
     bucket timestamptz not null,
     pm25 real not null check (pm25 >= 0),
     no2 real not null check (no2 >= 0),
     o3 real not null check (o3 >= 0),
     pm10 real,
     co real,
     n int not null,
     primary key (station_id, bucket)
   );
   create index air_5min_bucket on air_5min (bucket);
   create table weather_5min (
     station_id text not null,
     bucket timestamptz not null,
     temperature_c real not null,
     relative_humidity real not null,
     wind_speed_ms real not null,
     solar_wm2 real not null,
     precipitation_mmh real not null,
     cloud_cover real,
     mixing_height_m real,
     n int not null,
     primary key (station_id, bucket)
   );
   create index weather_5min_bucket on weather_5min (bucket);
   create table model_version (
     model_id text not null,
     version int not null,
     target text not null,
     family text not null,
     status text not null check (status in ('serving', 'standby', 'failed')),
     created_at timestamptz not null,
     card jsonb not null,
     artefact text,
     primary key (model_id, version)
   );
   create index model_version_target on model_version (target, status);
   create table model_run (
     run_id text primary key,
     target text not null,
     created_at timestamptz not null,
     profile text not null
   );`,
  // KPI pages (server/models/kpi): hourly network totals of traffic per road class, rolled up
  // from traffic_5min, so a month's report sums ~3,600 rows instead of 17 million.
  `create table kpi_traffic_hour (
     hour timestamptz not null,
     road_class text not null,
     vkt double precision not null,
     vht double precision not null,
     vht_free double precision not null,
     vkt_congested double precision not null,
     rows int not null,
     primary key (hour, road_class)
   );`,
  // Transit KPIs (server/models/kpi/transit.ts): one row per observed stop arrival of a trip on a
  // service day (a bus first seen STOPPED_AT the stop), with its scheduled time.
  `create table transit_arrival (
     service_date text not null,
     trip_id text not null,
     stop_sequence int not null,
     stop_id text not null,
     route_id text not null,
     scheduled_at timestamptz not null,
     arrived_at timestamptz not null,
     primary key (service_date, trip_id, stop_sequence)
   );
   create index transit_arrival_time on transit_arrival (arrived_at);
   create index transit_arrival_stop on transit_arrival (route_id, stop_id, scheduled_at)`,
  // Energy and air KPIs (server/models/kpi): hourly rollups of grid_5min (per substation and for
  // the whole system, scope '*') and of air_5min (per station), so a month's report reads
  // thousands of rows instead of millions.
  `create table kpi_grid_hour (
     hour timestamptz not null,
     scope text not null,
     load_sum double precision not null,
     peak double precision not null,
     buckets int not null,
     solar_sum double precision not null,
     overload_buckets int not null,
     rows int not null,
     primary key (scope, hour)
   );
   create table kpi_air_hour (
     hour timestamptz not null,
     station_id text not null,
     pm25 double precision not null,
     pm10 double precision,
     no2 double precision not null,
     o3 double precision not null,
     co double precision,
     rows int not null,
     primary key (hour, station_id)
   )`,
  // An incident's description as a message code (lib/protocol/texts.ts), when the field sends one.
  `alter table incident add column description_text jsonb`,
];

export async function migrate(sql: Sql): Promise<number> {
  await sql.exec('create table if not exists schema_version (version int primary key, applied_at timestamptz not null default now())');
  const [row] = await sql.query<{ v: number | null }>('select max(version) as v from schema_version');
  const current = row?.v ?? 0;
  for (let v = current + 1; v <= steps.length; v++) {
    await sql.transaction(async (tx) => {
      for (const stmt of steps[v - 1].split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(stmt);
      await tx.query('insert into schema_version (version) values ($1)', [v]);
    });
  }
  return steps.length;
}
