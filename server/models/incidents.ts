import type { LonLat } from '@/lib/domain/road';
import type { Incident } from '@/lib/protocol/incidents';
import { shortId, type UpsertBatch } from '@/lib/protocol/ngsi';
import { incidentKindOf, incidentOfAlert } from '@/lib/protocol/ngsi-incidents';
import type { FieldIssue } from '@/lib/validation';
import type { DomainFactory, DomainIngestPlan } from './domain';
import { loadOpenIncidents, upsertIncidents, type IncidentRow } from './incidents-table';
import { LayerCache } from './layer-cache';

interface Held {
  incident: Incident;
  from: number;
  to: number | null;
  issuedAt: number;
  source: string | null;
}

const middle = (path: readonly LonLat[]): LonLat => path[Math.floor(path.length / 2)];

/** Newest observation time in a batch: what "now" is for the field that sent it. */
function newestTime(batch: UpsertBatch): number {
  let newest = 0;
  for (const e of batch) {
    const t = 'dateObserved' in e && typeof e.dateObserved === 'string' ? e.dateObserved : e.type === 'Alert' ? e.dateIssued : null;
    if (t) newest = Math.max(newest, Date.parse(t));
  }
  return newest;
}

/** Who sent a batch (its first dataProvider): the layer's source even when no incident changed. */
function providerOf(batch: UpsertBatch): string | null {
  for (const e of batch) if ('dataProvider' in e && typeof e.dataProvider === 'string') return e.dataProvider;
  return null;
}

/**
 * Road incidents: NGSI-LD Alerts (category traffic) become the `incidents` layer and rows of the
 * `incident` table. An incident leaves the layer once its validTo has passed by the newest
 * observation time received, which is the field's clock, not ours (the twin may run faster).
 */
export const createIncidentsDomain: DomainFactory = async ({ store }) => {
  const cache = new LayerCache('incidents');
  const segments = new Map<string, LonLat>((await store.listSegments()).map((s) => [s.id, middle(s.path)]));
  const held = new Map<string, Held>();
  const loaded = await loadOpenIncidents(store.db);
  let clock = loaded.clock ?? 0;
  let source: string | null = null;
  for (const r of loaded.rows) {
    held.set(r.id, { incident: r.incident, from: Date.parse(r.incident.startedAt), to: r.incident.endsAt ? Date.parse(r.incident.endsAt) : null, issuedAt: r.issuedAt, source: r.source });
    source = r.source;
  }

  /** Show what has started and not ended by the clock; forget what has ended. */
  const refresh = () => {
    for (const [id, h] of held) {
      if (h.to !== null && h.to <= clock) {
        held.delete(id);
        cache.delete(id);
      } else if (h.from <= clock) cache.set(id, h.incident, h.issuedAt, h.source);
      else cache.delete(id);
    }
    if (clock) cache.touch(clock, source);
  };
  refresh();

  const planUpsert = (batch: UpsertBatch): DomainIngestPlan => {
    const issues: FieldIssue[] = [];
    const newSegments = new Map<string, LonLat>();
    for (const e of batch) if (e.type === 'RoadSegment') newSegments.set(shortId(e.id), middle(e.location.coordinates));
    const now = newestTime(batch);
    const rows: IncidentRow[] = [];
    batch.forEach((e, i) => {
      if (e.type !== 'Alert') return;
      const kind = incidentKindOf(e);
      if (!kind) return;
      if (!e.refRoadSegment) {
        issues.push({ path: `[${i}].refRoadSegment`, message: `required for a traffic incident (${e.subCategory})` });
        return;
      }
      const segmentId = shortId(e.refRoadSegment);
      const at = segments.get(segmentId) ?? newSegments.get(segmentId);
      if (!at) {
        issues.push({ path: `[${i}].refRoadSegment`, message: `unknown road segment ${e.refRoadSegment}` });
        return;
      }
      const issuedAt = Date.parse(e.dateIssued);
      rows.push({ id: shortId(e.id), incident: incidentOfAlert(e, kind, segmentId, at), issuedAt, lastSeenAt: Math.max(now, issuedAt), source: e.dataProvider ?? e.alertSource });
    });
    const provider = providerOf(batch);
    return {
      issues,
      write: (tx) => upsertIncidents(tx, rows),
      apply: () => {
        for (const [id, at] of newSegments) segments.set(id, at);
        for (const r of rows) {
          const { incident } = r;
          held.set(r.id, { incident, from: Date.parse(incident.startedAt), to: incident.endsAt ? Date.parse(incident.endsAt) : null, issuedAt: r.issuedAt, source: r.source });
        }
        if (provider) source = provider;
        clock = Math.max(clock, now);
        if (rows.length || now > (cache.newestAt?.getTime() ?? 0)) refresh();
      },
    };
  };

  return { name: 'incidents', layers: [cache], planUpsert };
};
