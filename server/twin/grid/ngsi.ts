import { NGSI_LD_CORE_CONTEXT, type Entity } from '@/lib/protocol/ngsi';
import {
  gridUrn,
  SDM_BATTERY_CONTEXT,
  SDM_ENERGY_CIM_CONTEXT,
  SDM_ENERGY_CONTEXT,
  type AcLineSegmentEntity,
  type StorageBatteryDeviceEntity,
  type StorageBatteryMeasurementEntity,
  type SubstationEntity,
  type ThreePhaseAcMeasurementEntity,
} from '@/lib/protocol/ngsi-grid';
import { DATA_PROVIDER } from '../ngsi';
import type { GridModel } from './network';
import type { GridSim } from './sim';

/** Meters report real power with a lagging power factor of about 0.95 (tan φ ≈ 0.33). */
const TAN_PHI = 0.33;
const W = (kw: number) => Math.round(kw * 1000);

/** The static grid as NGSI-LD entities, substations first so every reference is already known. */
export function gridRegistrationEntities(model: GridModel): Entity[] {
  const { substations, feeders, batteries } = model.network;
  const substationEntities: SubstationEntity[] = substations.map((s) => ({
    '@context': [NGSI_LD_CORE_CONTEXT, SDM_ENERGY_CIM_CONTEXT],
    id: gridUrn('Substation', s.id),
    type: 'Substation',
    name: s.name,
    location: { type: 'Point', coordinates: s.location },
    ratedPower: s.capacityKw,
    dataProvider: DATA_PROVIDER,
  }));
  const feederEntities: AcLineSegmentEntity[] = feeders.map((f) => ({
    '@context': [NGSI_LD_CORE_CONTEXT, SDM_ENERGY_CIM_CONTEXT],
    id: gridUrn('ACLineSegment', f.id),
    type: 'ACLineSegment',
    name: f.name,
    location: { type: 'LineString', coordinates: f.path },
    refSubstation: gridUrn('Substation', f.substationId),
    ratedPower: f.capacityKw,
    dataProvider: DATA_PROVIDER,
  }));
  const batteryEntities: StorageBatteryDeviceEntity[] = batteries.map((b) => ({
    '@context': [NGSI_LD_CORE_CONTEXT, SDM_BATTERY_CONTEXT],
    id: gridUrn('StorageBatteryDevice', b.id),
    type: 'StorageBatteryDevice',
    name: b.name,
    location: { type: 'Point', coordinates: b.location },
    storableEnergy: b.energyKwh,
    maxOutputPower: b.powerKw,
    chargePower: b.powerKw,
    dischargePower: b.powerKw,
    batteryType: 'Li-Ion',
    application: ['energyStorage'],
    refACLineSegment: gridUrn('ACLineSegment', b.feederId),
    dataProvider: DATA_PROVIDER,
  }));
  return [...substationEntities, ...feederEntities, ...batteryEntities];
}

function measurement(target: string, id: string, kw: number, at: string, extra: Partial<ThreePhaseAcMeasurementEntity>): ThreePhaseAcMeasurementEntity {
  return {
    '@context': [NGSI_LD_CORE_CONTEXT, SDM_ENERGY_CONTEXT],
    id: gridUrn('ThreePhaseAcMeasurement', id),
    type: 'ThreePhaseAcMeasurement',
    refTargetDevice: [target],
    dateObserved: at,
    totalActivePower: W(kw),
    // Phases are close to balanced on a feeder head; a fixed small skew keeps them honest.
    activePower: { L1: W(kw * 0.34), L2: W(kw * 0.33), L3: W(kw) - W(kw * 0.34) - W(kw * 0.33) },
    totalReactivePower: W(Math.max(0, kw) * TAN_PHI),
    frequency: 50,
    ...extra,
    dataProvider: DATA_PROVIDER,
  };
}

/** What the grid's meters report now: every feeder head, every substation, every battery. */
export function gridObservationEntities(model: GridModel, sim: GridSim): Entity[] {
  const at = new Date(sim.time).toISOString();
  const { substations, feeders, batteries } = model.network;
  const feederReadings = feeders.map((f, i) =>
    measurement(gridUrn('ACLineSegment', f.id), f.id, sim.netKw[i], at, { solarPower: W(sim.solarKw[i]), evChargingPower: W(sim.evKw[i]) }),
  );
  const substationReadings = substations.map((s, i) => measurement(gridUrn('Substation', s.id), s.id, sim.substationKw[i], at, {}));
  const batteryReadings: StorageBatteryMeasurementEntity[] = batteries.map((b, k) => {
    const p = sim.batteryPowerKw[k];
    return {
      '@context': [NGSI_LD_CORE_CONTEXT, SDM_BATTERY_CONTEXT],
      id: gridUrn('StorageBatteryMeasurement', b.id),
      type: 'StorageBatteryMeasurement',
      refStorageBatteryDevice: gridUrn('StorageBatteryDevice', b.id),
      dateObserved: at,
      stateOfCharge: Math.round(sim.soc[k] * 10_000) / 10_000,
      batteryStatus: p > 0.5 ? 'discharging' : p < -0.5 ? 'charging' : 'standby',
      outputPower: W(p),
      dataProvider: DATA_PROVIDER,
    };
  });
  return [...feederReadings, ...substationReadings, ...batteryReadings];
}
