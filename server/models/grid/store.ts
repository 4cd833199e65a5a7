import { batterySchema, feederSchema, substationSchema, type GridItem } from '@/lib/protocol/grid';
import type { Queryable } from '../../store/sql';
import type { GridAsset, GridReading } from './plan';

const schemaOf = { substation: substationSchema, feeder: feederSchema, battery: batterySchema } as const;

/** Register or update assets (grid_asset keeps each as its lib/protocol/grid.ts JSON). */
export async function upsertGridAssets(db: Queryable, assets: readonly GridAsset[]): Promise<void> {
  if (!assets.length) return;
  await db.query(
    `insert into grid_asset (id, kind, body)
     select id, kind, body::jsonb from unnest($1::text[], $2::text[], $3::text[]) as t(id, kind, body)
     on conflict (id) do update set kind = excluded.kind, body = excluded.body, updated_at = now()`,
    [assets.map((a) => a.asset.id), assets.map((a) => a.kind), assets.map((a) => JSON.stringify(a.asset))],
  );
}

/** Every registered asset; a row that no longer fits its schema is skipped and named. */
export async function listGridAssets(db: Queryable, log: (line: string) => void): Promise<GridAsset[]> {
  const rows = await db.query<{ id: string; kind: GridAsset['kind']; body: unknown }>('select id, kind, body from grid_asset order by id');
  const out: GridAsset[] = [];
  for (const r of rows) {
    const body: unknown = typeof r.body === 'string' ? JSON.parse(r.body) : r.body;
    const kind = r.kind;
    if (kind === 'substation') {
      const p = schemaOf.substation.safeParse(body);
      if (p.success) out.push({ kind, asset: p.data });
      else log(`grid asset ${r.id} skipped: ${p.error.issues[0]?.message}`);
    } else if (kind === 'feeder') {
      const p = schemaOf.feeder.safeParse(body);
      if (p.success) out.push({ kind, asset: p.data });
      else log(`grid asset ${r.id} skipped: ${p.error.issues[0]?.message}`);
    } else {
      const p = schemaOf.battery.safeParse(body);
      if (p.success) out.push({ kind, asset: p.data });
      else log(`grid asset ${r.id} skipped: ${p.error.issues[0]?.message}`);
    }
  }
  return out;
}

/** Idempotent: the same asset and time twice is one row. Load is kW (battery: output power). */
export async function insertGridReadings(db: Queryable, readings: readonly GridReading[]): Promise<void> {
  if (!readings.length) return;
  const load = (i: GridItem) => (i.kind === 'battery' ? i.powerKw : i.loadKw);
  await db.query(
    `insert into grid_obs (asset_id, observed_at, kind, load_kw, solar_kw, ev_kw, state_of_charge, source)
     select * from unnest($1::text[], $2::timestamptz[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::text[])
     on conflict (asset_id, observed_at) do update set kind = excluded.kind, load_kw = excluded.load_kw, solar_kw = excluded.solar_kw,
       ev_kw = excluded.ev_kw, state_of_charge = excluded.state_of_charge, source = excluded.source`,
    [
      readings.map((r) => r.assetId),
      readings.map((r) => r.item.observedAt),
      readings.map((r) => r.item.kind),
      readings.map((r) => load(r.item)),
      readings.map((r) => (r.item.kind === 'feeder' ? r.item.solarKw : null)),
      readings.map((r) => (r.item.kind === 'feeder' ? r.item.evKw : null)),
      readings.map((r) => (r.item.kind === 'battery' ? r.item.stateOfCharge : null)),
      readings.map((r) => r.source),
    ],
  );
}

export interface GridObsRow {
  assetId: string;
  kind: GridItem['kind'];
  observedAt: string;
  loadKw: number;
  solarKw: number | null;
  evKw: number | null;
  stateOfCharge: number | null;
  source: string | null;
}

/** The newest reading of every asset, to rebuild the grid layer on start. */
export async function latestGridReadings(db: Queryable): Promise<GridObsRow[]> {
  const rows = await db.query<{
    asset_id: string;
    kind: GridItem['kind'];
    observed_at: Date | string;
    load_kw: number;
    solar_kw: number | null;
    ev_kw: number | null;
    state_of_charge: number | null;
    source: string | null;
  }>('select distinct on (asset_id) * from grid_obs order by asset_id, observed_at desc');
  return rows.map((r) => ({
    assetId: r.asset_id,
    kind: r.kind,
    observedAt: new Date(r.observed_at).toISOString(),
    loadKw: r.load_kw,
    solarKw: r.solar_kw,
    evKw: r.ev_kw,
    stateOfCharge: r.state_of_charge,
    source: r.source,
  }));
}
