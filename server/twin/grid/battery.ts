import type { Battery } from '@/lib/protocol/grid';

/** Batteries stay inside this band of charge to spare their cells. */
export const SOC_MIN = 0.1;
export const SOC_MAX = 0.95;
/** One-way efficiency (about 90 % round trip). */
export const EFFICIENCY = 0.95;

export interface FeederNow {
  /** Hour of the day, city time (UTC), with its fraction. */
  hour: number;
  /** The feeder's load net of solar, before the battery (kW). */
  netKw: number;
  capacityKw: number;
}

/**
 * What the battery would like to do (kW, positive discharging): relieve an overload at any hour,
 * shave the evening peak, soak up the midday (solar) trough, top up slowly at night when low.
 */
export function batteryWish(b: Battery, soc: number, f: FeederNow): number {
  const { hour, netKw, capacityKw } = f;
  if (netKw > 0.9 * capacityKw) return netKw - 0.85 * capacityKw;
  if (hour >= 16.5 && hour < 22) return Math.max(0, netKw - 0.6 * capacityKw);
  if (hour >= 9 && hour < 16 && netKw < 0.7 * capacityKw) return -Math.max(0.5 * b.powerKw, -netKw);
  if (hour < 5 && soc < 0.5) return -0.25 * b.powerKw;
  return 0;
}

/** Carry a wish out for `dtH` hours within the power rating and the charge band: the power done and the new charge. */
export function runBattery(b: Battery, soc: number, wishKw: number, dtH: number): { powerKw: number; soc: number } {
  let p = Math.max(-b.powerKw, Math.min(b.powerKw, wishKw));
  if (p > 0) {
    p = Math.min(p, (Math.max(0, soc - SOC_MIN) * b.energyKwh * EFFICIENCY) / dtH);
    return { powerKw: p, soc: Math.max(0, soc - (p * dtH) / (EFFICIENCY * b.energyKwh)) };
  }
  p = -Math.min(-p, (Math.max(0, SOC_MAX - soc) * b.energyKwh) / (EFFICIENCY * dtH));
  return { powerKw: p, soc: Math.min(1, soc + (-p * dtH * EFFICIENCY) / b.energyKwh) };
}
