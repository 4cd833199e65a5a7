import type { Incident } from '@/lib/protocol/incidents';
import { storedTextSchema } from '@/lib/protocol/texts';
import type { Queryable } from '../store/sql';

/** One incident as stored (table `incident`): the layer item, its validity and when it was last reported. */
export interface IncidentRow {
  id: string;
  incident: Incident;
  issuedAt: number;
  lastSeenAt: number;
  source: string | null;
}

/** Insert or update incidents by id, inside the upsert batch's transaction. */
export async function upsertIncidents(tx: Queryable, rows: readonly IncidentRow[]): Promise<void> {
  if (!rows.length) return;
  const col = <T>(f: (r: IncidentRow) => T) => rows.map(f);
  await tx.query(
    `insert into incident (id, kind, severity, segment_id, lon, lat, description, capacity_factor, valid_from, valid_to, issued_at, last_seen_at, source, description_text)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::real[],
                          $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::text[], $14::jsonb[])
     on conflict (id) do update set kind = excluded.kind, severity = excluded.severity, segment_id = excluded.segment_id,
       lon = excluded.lon, lat = excluded.lat, description = excluded.description, description_text = excluded.description_text,
       capacity_factor = excluded.capacity_factor,
       valid_from = excluded.valid_from, valid_to = excluded.valid_to, issued_at = excluded.issued_at,
       last_seen_at = greatest(incident.last_seen_at, excluded.last_seen_at), source = excluded.source`,
    [
      col((r) => r.id),
      col((r) => r.incident.kind),
      col((r) => r.incident.severity),
      col((r) => r.incident.segmentId),
      col((r) => r.incident.location[0]),
      col((r) => r.incident.location[1]),
      col((r) => r.incident.description),
      col((r) => r.incident.capacityFactor),
      col((r) => r.incident.startedAt),
      col((r) => r.incident.endsAt),
      col((r) => new Date(r.issuedAt).toISOString()),
      col((r) => new Date(r.lastSeenAt).toISOString()),
      col((r) => r.source),
      col((r) => (r.incident.descriptionText ? JSON.stringify(r.incident.descriptionText) : null)),
    ],
  );
}

interface Raw {
  id: string;
  kind: Incident['kind'];
  severity: Incident['severity'];
  segment_id: string;
  lon: number;
  lat: number;
  description: string;
  capacity_factor: number;
  valid_from: Date | string;
  valid_to: Date | string | null;
  issued_at: Date | string;
  last_seen_at: Date | string;
  source: string | null;
  description_text: unknown;
}

/** The stored code, if any and if this version knows it: else the English description alone is shown. */
function descriptionTextOf(v: unknown): Pick<Incident, 'descriptionText'> {
  const text = storedTextSchema.parse(typeof v === 'string' ? JSON.parse(v) : v);
  return text ? { descriptionText: text } : {};
}

const ms = (v: Date | string) => (v instanceof Date ? v.getTime() : Date.parse(v));

/**
 * Incidents not yet over at the newest time any was reported (not the wall clock: the twin may
 * run faster than real time), and that time; null when none was ever stored.
 */
export async function loadOpenIncidents(db: Queryable): Promise<{ clock: number | null; rows: IncidentRow[] }> {
  const [newest] = await db.query<{ t: Date | string | null }>('select max(last_seen_at) as t from incident');
  if (!newest?.t) return { clock: null, rows: [] };
  const clock = ms(newest.t);
  const raw = await db.query<Raw>('select * from incident where valid_to is null or valid_to > $1 order by id', [new Date(clock).toISOString()]);
  return {
    clock,
    rows: raw.map((r) => ({
      id: r.id,
      incident: {
        kind: r.kind,
        severity: r.severity,
        segmentId: r.segment_id,
        location: [r.lon, r.lat],
        description: r.description,
        ...descriptionTextOf(r.description_text),
        capacityFactor: Math.round(r.capacity_factor * 1000) / 1000,
        startedAt: new Date(ms(r.valid_from)).toISOString(),
        endsAt: r.valid_to === null ? null : new Date(ms(r.valid_to)).toISOString(),
      },
      issuedAt: ms(r.issued_at),
      lastSeenAt: ms(r.last_seen_at),
      source: r.source,
    })),
  };
}
