import { congestionBands, noDataRgb } from '../domain/congestion';
import type { AqiStandard } from '../protocol/air';
import { SURFACE_REACH_M } from './air-surface';
import { aqiLevelStyle, aqiLevelStyles, aqiRangeLabel, type AqiLevelStyle } from './aqi-palette';
import type { Rgb } from './colour-vision';
import { batteryRgb, gridNoDataRgb, utilisationBands } from './grid-colours';
import { incidentKinds, type IconName } from './icons';
import type { Translator } from '../i18n/translator';

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

/** The message key of an AQI level, as the palette resolves it (1–6). */
export function aqiLevelKey(level: number): `${AqiLevelStyle['level']}` {
  return `${aqiLevelStyle(level).level}`;
}

/** The traffic legend: speed against free flow, by congestion band, plus no data. */
export function trafficLegend(t: Translator<'layers'>): LegendGroup[] {
  return [
    {
      title: t('legend.traffic.title'),
      entries: [
        ...congestionBands.map((b) => ({ label: t(`legend.traffic.${b.level}`), mark: { kind: 'line', rgb: b.rgb } as const })),
        { label: t('legend.traffic.noData'), mark: { kind: 'line', rgb: noDataRgb } },
      ],
    },
  ];
}

/** Feeders by utilisation (overload dashed as on the map), substations sized by load, batteries. */
export function gridLegend(t: Translator<'layers'>): LegendGroup[] {
  return [
    {
      title: t('legend.grid.title'),
      entries: [
        ...utilisationBands.map((b) => ({ label: t(`legend.grid.${b.key}`), mark: { kind: 'line', rgb: b.rgb, dashed: b.key === 'overload' } as const })),
        { label: t('legend.grid.noReading'), mark: { kind: 'line', rgb: gridNoDataRgb } },
      ],
    },
    {
      title: t('legend.grid.sites'),
      entries: [
        { label: t('legend.grid.substation'), mark: { kind: 'circle', rgb: utilisationBands[2].rgb, sizePx: 14 } },
        { label: t('legend.grid.battery'), mark: { kind: 'icon', icon: 'battery', rgb: batteryRgb } },
      ],
    },
  ];
}

/** Stations by AQI level, named as the standard in force names them, with index ranges. */
export function airLegend(t: Translator<'layers'>, standard: AqiStandard): LegendGroup[] {
  return [
    {
      title: t(`legend.air.${standard}`),
      entries: aqiLevelStyles.map((s) => ({
        label: t('legend.air.level', { name: t(`aqiLevel.${standard}.${aqiLevelKey(s.level)}`), range: aqiRangeLabel(s.level) }),
        mark: { kind: 'circle', rgb: s.rgb },
      })),
    },
    {
      title: t('legend.air.surface'),
      entries: [
        {
          label: t('legend.air.surfaceEntry', { km: SURFACE_REACH_M / 1000 }),
          mark: { kind: 'area', rgb: aqiLevelStyles[1].rgb },
        },
      ],
    },
  ];
}

/** Transit marks; the routes themselves are listed from the feed, in their GTFS colours. */
export function transitLegend(t: Translator<'layers'>): LegendGroup[] {
  return [
    {
      title: t('legend.transit.title'),
      entries: [
        { label: t('legend.transit.bus'), mark: { kind: 'icon', icon: 'arrow', rgb: [255, 255, 255] } },
        { label: t('legend.transit.stop'), mark: { kind: 'circle', rgb: [235, 240, 245], sizePx: 8 } },
      ],
    },
  ];
}

/** One sign per incident kind, in shape and colour. */
export function incidentLegend(t: Translator<'layers'>): LegendGroup[] {
  return [{ title: t('legend.incidents'), entries: incidentKinds.map((k) => ({ label: t(`incidentKind.${k}`), mark: { kind: 'icon', icon: k } })) }];
}
