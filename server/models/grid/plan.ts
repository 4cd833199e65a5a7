import { gridItemSchema, type Battery, type Feeder, type GridItem, type Substation } from '@/lib/protocol/grid';
import { shortId, type UpsertBatch } from '@/lib/protocol/ngsi';
import type { FieldIssue } from '@/lib/validation';

/** The registered grid, by asset id. */
export interface GridAssets {
  substations: Map<string, Substation>;
  feeders: Map<string, Feeder>;
  batteries: Map<string, Battery>;
}

export type GridAsset = { kind: 'substation'; asset: Substation } | { kind: 'feeder'; asset: Feeder } | { kind: 'battery'; asset: Battery };

/** One reading of one asset, as the grid layer shows it and grid_obs keeps it. */
export interface GridReading {
  assetId: string;
  item: GridItem;
  source: string | null;
}

export interface GridPlan {
  assets: GridAsset[];
  readings: GridReading[];
  issues: FieldIssue[];
}

const kindOfType = { Substation: 'substation', ACLineSegment: 'feeder', StorageBatteryDevice: 'battery' } as const;
const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;

/**
 * Map a validated batch's grid entities to assets and readings, checking every reference against
 * what is registered (before or in this batch). Any issue refuses the whole batch.
 */
export function planGrid(batch: UpsertBatch, known: GridAssets): GridPlan {
  const issues: FieldIssue[] = [];
  const assets: GridAsset[] = [];
  const next: GridAssets = { substations: new Map(known.substations), feeders: new Map(known.feeders), batteries: new Map(known.batteries) };
  const kindHeld = (id: string) =>
    next.substations.has(id) ? 'substation' : next.feeders.has(id) ? 'feeder' : next.batteries.has(id) ? 'battery' : null;

  // Assets first, in batch order, so a feeder may name a substation registered just before it.
  batch.forEach((e, i) => {
    if (e.type !== 'Substation' && e.type !== 'ACLineSegment' && e.type !== 'StorageBatteryDevice') return;
    const id = shortId(e.id);
    const held = kindHeld(id);
    if (held && held !== kindOfType[e.type]) {
      issues.push({ path: `[${i}].id`, message: `grid asset id ${id} is already a ${held}` });
      return;
    }
    if (e.type === 'Substation') {
      const asset: Substation = { id, name: e.name, location: e.location.coordinates, capacityKw: e.ratedPower };
      next.substations.set(id, asset);
      assets.push({ kind: 'substation', asset });
    } else if (e.type === 'ACLineSegment') {
      const substationId = shortId(e.refSubstation);
      if (!next.substations.has(substationId)) {
        issues.push({ path: `[${i}].refSubstation`, message: `unknown substation ${e.refSubstation}` });
        return;
      }
      const asset: Feeder = { id, name: e.name, substationId, path: e.location.coordinates, capacityKw: e.ratedPower };
      next.feeders.set(id, asset);
      assets.push({ kind: 'feeder', asset });
    } else {
      const feederId = shortId(e.refACLineSegment);
      if (!next.feeders.has(feederId)) {
        issues.push({ path: `[${i}].refACLineSegment`, message: `unknown feeder ${e.refACLineSegment}` });
        return;
      }
      const asset: Battery = { id, name: e.name, location: e.location.coordinates, feederId, energyKwh: e.storableEnergy, powerKw: e.maxOutputPower };
      next.batteries.set(id, asset);
      assets.push({ kind: 'battery', asset });
    }
  });

  const readings: GridReading[] = [];
  const add = (i: number, field: string, assetId: string, item: GridItem, source: string | undefined) => {
    const r = gridItemSchema.safeParse(item);
    if (!r.success) {
      issues.push({ path: `[${i}].${field}`, message: `gives ${assetId} an impossible reading: ${r.error.issues[0]?.message ?? 'invalid'}` });
      return;
    }
    readings.push({ assetId, item: r.data, source: source ?? null });
  };
  batch.forEach((e, i) => {
    if (e.type === 'ThreePhaseAcMeasurement') {
      const target = e.refTargetDevice[0];
      const id = shortId(target);
      const observedAt = new Date(e.dateObserved).toISOString();
      const loadKw = round(e.totalActivePower / 1000);
      if (target.startsWith('urn:ngsi-ld:ACLineSegment:')) {
        const feeder = next.feeders.get(id);
        if (!feeder) return void issues.push({ path: `[${i}].refTargetDevice[0]`, message: `unknown feeder ${target}` });
        const item: GridItem = {
          kind: 'feeder',
          loadKw,
          capacityKw: feeder.capacityKw,
          utilisation: round(loadKw / feeder.capacityKw, 4),
          solarKw: round((e.solarPower ?? 0) / 1000),
          evKw: round((e.evChargingPower ?? 0) / 1000),
          observedAt,
        };
        add(i, 'totalActivePower', id, item, e.dataProvider);
      } else {
        const substation = next.substations.get(id);
        if (!substation) return void issues.push({ path: `[${i}].refTargetDevice[0]`, message: `unknown substation ${target}` });
        const item: GridItem = { kind: 'substation', loadKw, capacityKw: substation.capacityKw, utilisation: round(loadKw / substation.capacityKw, 4), observedAt };
        add(i, 'totalActivePower', id, item, e.dataProvider);
      }
    } else if (e.type === 'StorageBatteryMeasurement') {
      const id = shortId(e.refStorageBatteryDevice);
      if (!next.batteries.has(id))
        return void issues.push({ path: `[${i}].refStorageBatteryDevice`, message: `unknown battery ${e.refStorageBatteryDevice}` });
      const item: GridItem = { kind: 'battery', powerKw: round(e.outputPower / 1000), stateOfCharge: e.stateOfCharge, observedAt: new Date(e.dateObserved).toISOString() };
      add(i, 'outputPower', id, item, e.dataProvider);
    }
  });
  return { assets, readings, issues };
}
