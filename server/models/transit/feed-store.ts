import type { Queryable } from '../../store/sql';

/** A validated GTFS zip as the store keeps it (migration "transit_feed"). */
export interface StoredFeed {
  url: string;
  sha256: string;
  zip: Uint8Array;
  routes: number;
  stops: number;
  trips: number;
  fetchedAt: Date;
}

export async function saveFeed(db: Queryable, f: StoredFeed): Promise<void> {
  // Only the newest feed matters: older ones (other URLs) go, so the store does not grow.
  await db.query('delete from transit_feed where url <> $1', [f.url]);
  await db.query(
    `insert into transit_feed (url, sha256, zip, routes, stops, trips, fetched_at) values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (url) do update set sha256 = excluded.sha256, zip = excluded.zip, routes = excluded.routes,
       stops = excluded.stops, trips = excluded.trips, fetched_at = excluded.fetched_at`,
    [f.url, f.sha256, f.zip, f.routes, f.stops, f.trips, f.fetchedAt.toISOString()],
  );
}

export async function latestFeed(db: Queryable): Promise<StoredFeed | null> {
  const [row] = await db.query<{ url: string; sha256: string; zip: Uint8Array; routes: number; stops: number; trips: number; fetched_at: Date | string }>(
    'select url, sha256, zip, routes, stops, trips, fetched_at from transit_feed order by fetched_at desc limit 1',
  );
  if (!row) return null;
  return { url: row.url, sha256: row.sha256, zip: new Uint8Array(row.zip), routes: row.routes, stops: row.stops, trips: row.trips, fetchedAt: new Date(row.fetched_at) };
}
