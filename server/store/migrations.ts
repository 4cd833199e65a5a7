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
