import { gridItemSchema, type GridItem, type GridNetwork } from '@/lib/protocol/grid';
import type { UpsertBatch } from '@/lib/protocol/ngsi';
import type { DomainFactory, ModelsDomain, RouteContext } from '../domain';
import { sendRaw } from '../http';
import { LayerCache } from '../layer-cache';
import { planGrid, type GridAsset, type GridAssets, type GridReading } from './plan';
import { insertGridReadings, latestGridReadings, listGridAssets, upsertGridAssets, type GridObsRow } from './store';

const byId = <T extends { id: string }>(m: Map<string, T>) => [...m.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * The electricity grid in the model services: registered assets (persisted in grid_asset, so a
 * restart still knows them), their readings → the `grid` layer and grid_obs, and
 * GET /v1/grid/network.
 */
export const createGridModels: DomainFactory = async ({ store, log }): Promise<ModelsDomain> => {
  const assets: GridAssets = { substations: new Map(), feeders: new Map(), batteries: new Map() };
  const register = (a: GridAsset) => {
    if (a.kind === 'substation') assets.substations.set(a.asset.id, a.asset);
    else if (a.kind === 'feeder') assets.feeders.set(a.asset.id, a.asset);
    else assets.batteries.set(a.asset.id, a.asset);
  };
  for (const a of await listGridAssets(store.db, log)) register(a);

  const layer = new LayerCache('grid');
  const put = (r: GridReading) => layer.set(r.assetId, r.item, Date.parse(r.item.observedAt), r.source);
  // Rebuild the layer from the newest stored reading of each asset still registered.
  const restore = (r: GridObsRow): GridItem | null => {
    const base = { observedAt: r.observedAt };
    if (r.kind === 'battery') return r.stateOfCharge === null ? null : { kind: 'battery', powerKw: r.loadKw, stateOfCharge: r.stateOfCharge, ...base };
    const asset = r.kind === 'feeder' ? assets.feeders.get(r.assetId) : assets.substations.get(r.assetId);
    if (!asset) return null;
    const utilisation = Math.round((r.loadKw / asset.capacityKw) * 10_000) / 10_000;
    if (r.kind === 'substation') return { kind: 'substation', loadKw: r.loadKw, capacityKw: asset.capacityKw, utilisation, ...base };
    return { kind: 'feeder', loadKw: r.loadKw, capacityKw: asset.capacityKw, utilisation, solarKw: r.solarKw ?? 0, evKw: r.evKw ?? 0, ...base };
  };
  for (const row of await latestGridReadings(store.db)) {
    const item = gridItemSchema.safeParse(restore(row));
    if (item.success) put({ assetId: row.assetId, item: item.data, source: row.source });
  }

  let networkJson: string | null = null;
  const networkBody = () => {
    const body: GridNetwork = { substations: byId(assets.substations), feeders: byId(assets.feeders), batteries: byId(assets.batteries) };
    return (networkJson ??= JSON.stringify(body));
  };

  return {
    name: 'grid',
    layers: [layer],
    planUpsert: (batch: UpsertBatch) => {
      const plan = planGrid(batch, assets);
      return {
        issues: plan.issues,
        write: async (tx) => {
          await upsertGridAssets(tx, plan.assets);
          await insertGridReadings(tx, plan.readings);
        },
        apply: () => {
          if (plan.assets.length) networkJson = null;
          plan.assets.forEach(register);
          plan.readings.forEach(put);
        },
      };
    },
    route: async ({ path, res, allow }: RouteContext) => {
      if (path !== '/v1/grid/network') return false;
      allow('GET');
      sendRaw(res, 200, networkBody());
      return true;
    },
  };
};
