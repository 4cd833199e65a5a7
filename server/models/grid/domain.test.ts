import { describe, expect, it } from 'vitest';
import { gridNetworkSchema } from '@/lib/protocol/grid';
import { layerStateSchemaOf } from '@/lib/protocol/layers';
import { openPglite } from '../../store/pglite';
import { Store } from '../../store/store';
import { createModelsServer } from '../app';
import { errorOf, upsertEntities, modelsPerTest } from '../test-server';

const start = modelsPerTest();
const upsert = upsertEntities;
const error = errorOf;
const gridState = async (url: string) => layerStateSchemaOf('grid').parse(await (await fetch(`${url}/v1/state/grid`)).json());
const network = async (url: string) => gridNetworkSchema.parse(await (await fetch(`${url}/v1/grid/network`)).json());

const AT = '2026-11-23T17:30:00.000Z';
const substation = (id = 'ss01') => ({
  id: `urn:ngsi-ld:Substation:${id}`,
  type: 'Substation',
  name: 'Mill Street Substation',
  location: { type: 'Point', coordinates: [9.94, 51.54] },
  ratedPower: 20_000,
  dataProvider: 'test',
});
const feeder = (id = 'ss01-f1', substationId = 'ss01') => ({
  id: `urn:ngsi-ld:ACLineSegment:${id}`,
  type: 'ACLineSegment',
  name: 'Mill Street F1',
  location: { type: 'LineString', coordinates: [[9.94, 51.54], [9.945, 51.542]] },
  refSubstation: `urn:ngsi-ld:Substation:${substationId}`,
  ratedPower: 4000,
});
const battery = (feederId = 'ss01-f1') => ({
  id: 'urn:ngsi-ld:StorageBatteryDevice:bat01',
  type: 'StorageBatteryDevice',
  name: 'Mill Street battery',
  location: { type: 'Point', coordinates: [9.942, 51.541] },
  storableEnergy: 2000,
  maxOutputPower: 800,
  refACLineSegment: `urn:ngsi-ld:ACLineSegment:${feederId}`,
});
const feederReading = (kw: number, target = 'urn:ngsi-ld:ACLineSegment:ss01-f1') => ({
  id: 'urn:ngsi-ld:ThreePhaseAcMeasurement:ss01-f1',
  type: 'ThreePhaseAcMeasurement',
  refTargetDevice: [target],
  dateObserved: AT,
  totalActivePower: kw * 1000,
  solarPower: 250_000,
  evChargingPower: 400_000,
  dataProvider: 'test',
});
const substationReading = (kw: number) => ({
  id: 'urn:ngsi-ld:ThreePhaseAcMeasurement:ss01',
  type: 'ThreePhaseAcMeasurement',
  refTargetDevice: ['urn:ngsi-ld:Substation:ss01'],
  dateObserved: AT,
  totalActivePower: kw * 1000,
});
const batteryReading = (soc: number, batteryId = 'bat01') => ({
  id: `urn:ngsi-ld:StorageBatteryMeasurement:${batteryId}`,
  type: 'StorageBatteryMeasurement',
  refStorageBatteryDevice: `urn:ngsi-ld:StorageBatteryDevice:${batteryId}`,
  dateObserved: AT,
  stateOfCharge: soc,
  batteryStatus: 'discharging',
  outputPower: 300_000,
});

describe('grid ingest in the model services', () => {
  it('serves registered assets at /v1/grid/network', async () => {
    const { url } = await start();
    expect((await upsert(url, [substation(), feeder(), battery()])).status).toBe(204);
    const net = await network(url);
    expect(net.substations).toEqual([{ id: 'ss01', name: 'Mill Street Substation', location: [9.94, 51.54], capacityKw: 20_000 }]);
    expect(net.feeders[0]).toMatchObject({ id: 'ss01-f1', substationId: 'ss01', capacityKw: 4000 });
    expect(net.batteries[0]).toMatchObject({ id: 'bat01', feederId: 'ss01-f1', energyKwh: 2000, powerKw: 800 });
  });

  it('serves readings as the grid layer, with utilisation = load / rating', async () => {
    const { url } = await start();
    await upsert(url, [substation(), feeder(), battery()]);
    expect((await upsert(url, [feederReading(5000), substationReading(12_000), batteryReading(0.4)])).status).toBe(204);
    const state = await gridState(url);
    expect(state.asOf).toBe(AT);
    expect(state.items['ss01-f1']).toEqual({ kind: 'feeder', loadKw: 5000, capacityKw: 4000, utilisation: 1.25, solarKw: 250, evKw: 400, observedAt: AT });
    expect(state.items.ss01).toEqual({ kind: 'substation', loadKw: 12_000, capacityKw: 20_000, utilisation: 0.6, observedAt: AT });
    expect(state.items.bat01).toEqual({ kind: 'battery', powerKw: 300, stateOfCharge: 0.4, observedAt: AT });
  });

  it('accepts assets and their readings in one batch', async () => {
    const { url } = await start();
    expect((await upsert(url, [substation(), feeder(), feederReading(1000)])).status).toBe(204);
    expect((await gridState(url)).items['ss01-f1']).toMatchObject({ loadKw: 1000 });
  });

  it('refuses a reading of an unknown feeder, naming the field, and stores nothing of the batch', async () => {
    const { url } = await start();
    const res = await upsert(url, [substation(), feederReading(1000, 'urn:ngsi-ld:ACLineSegment:nope')]);
    expect(res.status).toBe(400);
    const err = await error(res);
    expect(err.issues?.[0].path).toBe('[1].refTargetDevice[0]');
    expect(err.message).toContain('unknown feeder');
    expect((await network(url)).substations).toEqual([]);
    expect((await gridState(url)).items).toEqual({});
  });

  it('refuses a feeder of an unknown substation', async () => {
    const { url } = await start();
    const res = await upsert(url, [feeder('ss09-f1', 'ss09')]);
    expect(res.status).toBe(400);
    expect((await error(res)).issues?.[0].path).toBe('[0].refSubstation');
    expect((await network(url)).feeders).toEqual([]);
  });

  it('refuses a battery on an unknown feeder, and a reading of an unknown battery', async () => {
    const { url } = await start();
    await upsert(url, [substation(), feeder()]);
    const a = await upsert(url, [battery('ss01-f9')]);
    expect((await error(a)).issues?.[0].path).toBe('[0].refACLineSegment');
    const b = await upsert(url, [batteryReading(0.5, 'bat07')]);
    expect((await error(b)).issues?.[0].path).toBe('[0].refStorageBatteryDevice');
    expect((await network(url)).batteries).toEqual([]);
  });

  it('refuses a malformed grid entity, naming the field', async () => {
    const { url } = await start();
    const res = await upsert(url, [substation(), { ...batteryReading(0.5), stateOfCharge: 1.5 }]);
    expect(res.status).toBe(400);
    expect((await error(res)).issues?.[0].path).toBe('[1].stateOfCharge');
    expect((await network(url)).substations).toEqual([]);
  });

  it('refuses a reading outside what a feeder can carry', async () => {
    const { url } = await start();
    await upsert(url, [substation(), feeder()]);
    const res = await upsert(url, [feederReading(900_000)]);
    expect(res.status).toBe(400);
    expect((await error(res)).issues?.[0].path).toBe('[0].totalActivePower');
  });

  it('refuses an asset id already used by another kind of asset', async () => {
    const { url } = await start();
    await upsert(url, [substation()]);
    const res = await upsert(url, [substation('x1'), { ...feeder('ss01'), refSubstation: 'urn:ngsi-ld:Substation:x1' }]);
    expect((await error(res)).issues?.[0].path).toBe('[1].id');
  });

  it('still knows the grid, and its newest readings, after a restart', async () => {
    const store = await Store.open(await openPglite());
    try {
      const first = await createModelsServer({ store, log: () => undefined });
      await new Promise<void>((resolve) => first.server.listen(0, '127.0.0.1', resolve));
      const firstUrl = `http://127.0.0.1:${(first.server.address() as { port: number }).port}`;
      await upsert(firstUrl, [substation(), feeder(), battery(), feederReading(3000), batteryReading(0.7)]);
      await first.close();

      const second = await createModelsServer({ store, log: () => undefined });
      await new Promise<void>((resolve) => second.server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(second.server.address() as { port: number }).port}`;
      const net = await network(url);
      expect([net.substations.length, net.feeders.length, net.batteries.length]).toEqual([1, 1, 1]);
      const state = await gridState(url);
      expect(state.items['ss01-f1']).toMatchObject({ kind: 'feeder', loadKw: 3000, utilisation: 0.75 });
      expect(state.items.bat01).toMatchObject({ kind: 'battery', stateOfCharge: 0.7 });
      // A reading of a feeder registered before the restart is accepted.
      expect((await upsert(url, [feederReading(2000)])).status).toBe(204);
      await second.close();
    } finally {
      await store.close();
    }
  });
});
