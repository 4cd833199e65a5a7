import type { useTranslations } from 'use-intl';

/** The actions namespace's translator, as a component gets it from useTranslations('actions'). */
export type ActionsT = ReturnType<typeof useTranslations<'actions'>>;

/**
 * The units the twin's what-if runs report impacts in (server/twin/actuation/what-if.ts), by the
 * message that names each in the reader's language. An unknown unit is shown as sent.
 */
export const IMPACT_UNITS = {
  's/veh': 'secondsPerVehicle',
  kW: 'kilowatts',
  min: 'minutes',
  'µg/m³': 'microgramsPerCubicMetre',
  AQI: 'aqi',
} as const;

/**
 * The further figures the what-if runs report, by their English label (the server's stable text),
 * with the message that translates each. An unknown label is shown as sent.
 */
export const IMPACT_MEASURES = {
  'Mean delay per vehicle on the crossing approaches': 'crossingDelay',
  'Feeder capacity': 'feederCapacity',
  'Minutes over capacity': 'minutesOverCapacity',
  'Mean load': 'meanLoad',
  'PM2.5': 'pm25',
  'Peak AQI (US EPA, current readings)': 'peakAqi',
} as const;

const known = <T extends object>(map: T, k: string): k is Extract<keyof T, string> => Object.hasOwn(map, k);

/** A unit in the reader's language ('' stays '', an unknown one as sent). */
export function unitText(t: ActionsT, unit: string): string {
  return known(IMPACT_UNITS, unit) ? t(`unit.${IMPACT_UNITS[unit]}`) : unit;
}

/** A further figure's label in the reader's language (an unknown one as sent). */
export function measureText(t: ActionsT, label: string): string {
  return known(IMPACT_MEASURES, label) ? t(`measure.${IMPACT_MEASURES[label]}`) : label;
}
