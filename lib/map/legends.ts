import { congestionBands, noDataRgb } from '../domain/congestion';
import type { AqiStandard } from '../protocol/air';
import { SURFACE_REACH_M } from './air-surface';
import { aqiLevelStyles, aqiRangeLabel } from './aqi-palette';
import type { Rgb } from './colour-vision';
import { batteryRgb, gridNoDataRgb, utilisationBands } from './grid-colours';
import { incidentKinds, incidentStyles, type IconName } from './icons';

/** How a legend entry is drawn: the same mark the map uses for it. */
export type LegendMark =
  | { kind: 'line'; rgb: Rgb; dashed?: boolean }
  | { kind: 'circle'; rgb: Rgb; sizePx?: number }
  | { kind: 'icon'; icon: IconName; rgb?: Rgb }
  | { kind: 'area'; rgb: Rgb };

export interface LegendEntry {
  label: string;
  mark: LegendMark;
}

export interface LegendGroup {
  /** Short heading, e.g. "Feeders: load vs rating". */
  title: string;
  entries: LegendEntry[];
}

/** The traffic legend: speed against free flow, by congestion band, plus no data. */
export function trafficLegend(): LegendGroup[] {
  return [
    {
      title: 'Speed vs free flow',
      entries: [
        ...congestionBands.map((b) => ({ label: b.label, mark: { kind: 'line', rgb: b.rgb } as const })),
        { label: 'No data', mark: { kind: 'line', rgb: noDataRgb } },
      ],
    },
  ];
}

/** Feeders by utilisation (overload dashed as on the map), substations sized by load, batteries. */
export function gridLegend(): LegendGroup[] {
  return [
    {
      title: 'Feeders: load vs rating',
      entries: [
        ...utilisationBands.map((b) => ({ label: b.label, mark: { kind: 'line', rgb: b.rgb, dashed: b.key === 'overload' } as const })),
        { label: 'No reading', mark: { kind: 'line', rgb: gridNoDataRgb } },
      ],
    },
    {
      title: 'Sites',
      entries: [
        { label: 'Substation, sized by load, coloured by load vs rating', mark: { kind: 'circle', rgb: utilisationBands[2].rgb, sizePx: 14 } },
        { label: 'Battery storage', mark: { kind: 'icon', icon: 'battery', rgb: batteryRgb } },
      ],
    },
  ];
}

/** Stations by AQI level, named as the standard in force names them, with index ranges. */
export function airLegend(standard: AqiStandard): LegendGroup[] {
  const title = standard === 'cn-hj633' ? 'AQI (China HJ 633-2012)' : 'AQI (US EPA)';
  return [
    {
      title,
      entries: aqiLevelStyles.map((s) => ({ label: `${s.names[standard]} (${aqiRangeLabel(s.level)})`, mark: { kind: 'circle', rgb: s.rgb } })),
    },
    {
      title: 'Surface',
      entries: [
        {
          label: `Estimated between stations (inverse-distance weighting), blank over ${SURFACE_REACH_M / 1000} km from any`,
          mark: { kind: 'area', rgb: aqiLevelStyles[1].rgb },
        },
      ],
    },
  ];
}

/** Transit marks; the routes themselves are listed from the feed, in their GTFS colours. */
export function transitLegend(): LegendGroup[] {
  return [
    {
      title: 'Transit',
      entries: [
        { label: 'Bus, arrow shows direction of travel', mark: { kind: 'icon', icon: 'arrow', rgb: [255, 255, 255] } },
        { label: 'Stop', mark: { kind: 'circle', rgb: [235, 240, 245], sizePx: 8 } },
      ],
    },
  ];
}

/** One sign per incident kind, in shape and colour. */
export function incidentLegend(): LegendGroup[] {
  return [{ title: 'Incidents', entries: incidentKinds.map((k) => ({ label: incidentStyles[k].label, mark: { kind: 'icon', icon: k } })) }];
}
