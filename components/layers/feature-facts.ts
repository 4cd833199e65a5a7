import { isOverloaded } from '@/lib/map/grid-colours';
import { aqiLevelKey } from '@/lib/map/legends';
import type { AirReading, Pollutant } from '@/lib/protocol/air';
import type { GridItem, GridNetwork } from '@/lib/protocol/grid';
import type { Incident } from '@/lib/protocol/incidents';
import type { Text } from '@/lib/protocol/texts';
import type { TransitNetwork, Vehicle } from '@/lib/protocol/transit';
import type { RoadSegment } from '@/lib/domain/road';
import type { LocaleFormat, Translator } from '../control-room/locale-format';
import type { FeatureRef } from './features';

/** What the browser holds that describes things on the map; any part may be missing. */
export interface FeatureSources {
  segments?: readonly RoadSegment[];
  gridNetwork?: GridNetwork;
  gridItems?: Readonly<Record<string, GridItem>>;
  stations?: Readonly<Record<string, AirReading>>;
  transitNetwork?: TransitNetwork;
  buses?: Readonly<Record<string, Vehicle>>;
  incidents?: Readonly<Record<string, Incident>>;
}

export interface Fact {
  label: string;
  value: string;
}

/** A thing's heading and its live values, for tooltips (short) and detail panels (full). */
export interface FeatureFacts {
  title: string;
  subtitle: string;
  facts: Fact[];
  /** Something that needs attention now, e.g. an overload, said in words. */
  warning: string | null;
  /** Whether anything at all is known about it (it may have gone, e.g. an ended incident). */
  known: boolean;
}

/** What facts are said with: the page's messages and its number and time formats. */
export interface FactWords {
  t: Translator<'layers'>;
  fmt: LocaleFormat;
  /** A text the server sent as a code, in the page's language (else the English beside it). */
  say: (text: Text | null | undefined, english: string) => string;
}

// Pollutant names are chemical symbols, the same in every language.
export const pollutantLabel: Record<Pollutant, string> = { pm25: 'PM2.5', pm10: 'PM10', no2: 'NO₂', o3: 'O₃', co: 'CO' };

/** Delay in words: "on time" within half a minute, else minutes late or early. */
export function delayLabel(t: Translator<'layers'>, delayS: number): string {
  if (Math.abs(delayS) < 30) return t('facts.onTime');
  const min = Math.round(Math.abs(delayS) / 60);
  return delayS > 0 ? t('facts.late', { min }) : t('facts.early', { min });
}

const statusKey = {
  INCOMING_AT: 'arriving',
  STOPPED_AT: 'stopped',
  IN_TRANSIT_TO: 'onTheWay',
} as const satisfies Record<Vehicle['status'], string>;

type UnknownWhy = 'notInGrid' | 'noReadingNow' | 'notReporting' | 'notInFeed' | 'noLongerActive' | 'notInNetwork';

function unknown({ t }: FactWords, ref: FeatureRef, why: UnknownWhy): FeatureFacts {
  return { title: ref.id, subtitle: t('facts.unknown', { kind: t(`kind.${ref.kind}`), why: t(`facts.${why}`) }), facts: [], warning: null, known: false };
}

/**
 * Heading and live values of one thing on the map, from what the browser holds. `full` adds the
 * facts a detail panel shows beyond the tooltip. Only data that exists is shown; nothing is made up.
 */
export function featureFacts(words: FactWords, ref: FeatureRef, src: FeatureSources, full = false): FeatureFacts {
  const { t, fmt } = words;
  const kw = (v: number) => `${fmt.fixed(v)} kW`;
  const pct = (v: number) => `${fmt.fixed(v * 100)} %`;
  const clock = fmt.clock;
  switch (ref.kind) {
    case 'feeder': {
      const feeder = src.gridNetwork?.feeders.find((f) => f.id === ref.id);
      const item = src.gridItems?.[ref.id];
      if (!feeder && !item) return unknown(words, ref, 'notInGrid');
      const sub = feeder ? src.gridNetwork?.substations.find((s) => s.id === feeder.substationId) : undefined;
      const live = item?.kind === 'feeder' ? item : undefined;
      const facts: Fact[] = live
        ? [
            { label: t('facts.load'), value: t('facts.loadValue', { load: kw(live.loadKw), capacity: kw(live.capacityKw) }) },
            { label: t('facts.utilisation'), value: pct(live.utilisation) },
            { label: t('facts.solar'), value: kw(live.solarKw) },
            { label: t('facts.ev'), value: kw(live.evKw) },
            { label: t('facts.reading'), value: clock(live.observedAt) },
          ]
        : [{ label: t('facts.rating'), value: feeder ? kw(feeder.capacityKw) : '—' }, { label: t('facts.reading'), value: t('facts.noneYet') }];
      if (full && sub) facts.push({ label: t('facts.substation'), value: sub.name });
      return {
        title: feeder?.name ?? ref.id,
        subtitle: sub ? t('facts.feederFrom', { substation: sub.name }) : t('kind.feeder'),
        facts,
        warning: live && isOverloaded(live.utilisation) ? t('facts.overloaded', { pct: pct(live.utilisation) }) : null,
        known: true,
      };
    }
    case 'substation': {
      const sub = src.gridNetwork?.substations.find((s) => s.id === ref.id);
      const item = src.gridItems?.[ref.id];
      if (!sub && !item) return unknown(words, ref, 'notInGrid');
      const live = item?.kind === 'substation' ? item : undefined;
      const facts: Fact[] = live
        ? [
            { label: t('facts.load'), value: t('facts.loadValue', { load: kw(live.loadKw), capacity: kw(live.capacityKw) }) },
            { label: t('facts.utilisation'), value: pct(live.utilisation) },
            { label: t('facts.reading'), value: clock(live.observedAt) },
          ]
        : [{ label: t('facts.rating'), value: sub ? kw(sub.capacityKw) : '—' }, { label: t('facts.reading'), value: t('facts.noneYet') }];
      if (full && src.gridNetwork) facts.push({ label: t('facts.feeders'), value: String(src.gridNetwork.feeders.filter((f) => f.substationId === ref.id).length) });
      return {
        title: sub?.name ?? ref.id,
        subtitle: t('kind.substation'),
        facts,
        warning: live && isOverloaded(live.utilisation) ? t('facts.overloaded', { pct: pct(live.utilisation) }) : null,
        known: true,
      };
    }
    case 'battery': {
      const bat = src.gridNetwork?.batteries.find((b) => b.id === ref.id);
      const item = src.gridItems?.[ref.id];
      if (!bat && !item) return unknown(words, ref, 'notInGrid');
      const live = item?.kind === 'battery' ? item : undefined;
      const facts: Fact[] = [];
      if (live) {
        const mode = live.powerKw > 0 ? 'discharging' : live.powerKw < 0 ? 'charging' : 'idle';
        facts.push({ label: t('facts.power'), value: t(`facts.${mode}`, { power: kw(Math.abs(live.powerKw)) }) }, { label: t('facts.soc'), value: pct(live.stateOfCharge) });
      } else facts.push({ label: t('facts.reading'), value: t('facts.noneYet') });
      if (bat && (full || !live)) facts.push({ label: t('facts.size'), value: `${fmt.fixed(bat.energyKwh)} kWh / ${kw(bat.powerKw)}` });
      if (live) facts.push({ label: t('facts.reading'), value: clock(live.observedAt) });
      const feeder = bat ? src.gridNetwork?.feeders.find((f) => f.id === bat.feederId) : undefined;
      if (full && feeder) facts.push({ label: t('facts.onFeeder'), value: feeder.name });
      return { title: bat?.name ?? ref.id, subtitle: t('kind.battery'), facts, warning: null, known: true };
    }
    case 'station': {
      const r = src.stations?.[ref.id];
      if (!r) return unknown(words, ref, 'noReadingNow');
      const level = t(`aqiLevel.${r.aqiStandard}.${aqiLevelKey(r.aqiLevel)}`);
      const facts: Fact[] = [
        { label: t('facts.aqi', { standard: t(`aqiStandard.${r.aqiStandard}`) }), value: `${r.aqi} · ${level}` },
        { label: t('facts.dominant'), value: pollutantLabel[r.dominant] },
        { label: 'PM2.5', value: `${fmt.fixed(r.pm25, 1)} µg/m³` },
        { label: 'NO₂', value: `${fmt.fixed(r.no2)} µg/m³` },
      ];
      if (full)
        facts.push(
          { label: 'PM10', value: `${fmt.fixed(r.pm10, 1)} µg/m³` },
          { label: 'O₃', value: `${fmt.fixed(r.o3)} µg/m³` },
          { label: 'CO', value: `${fmt.fixed(r.co, 2)} mg/m³` },
        );
      facts.push({ label: t('facts.reading'), value: clock(r.observedAt) });
      return { title: r.name, subtitle: t('kind.station'), facts, warning: r.aqiLevel >= 4 ? t('facts.airWarning', { level }) : null, known: true };
    }
    case 'bus': {
      const v = src.buses?.[ref.id];
      if (!v) return unknown(words, ref, 'notReporting');
      const route = src.transitNetwork?.routes.find((r) => r.id === v.routeId);
      const stop = v.nextStopId ? src.transitNetwork?.stops.find((s) => s.id === v.nextStopId) : undefined;
      const facts: Fact[] = [
        { label: t('facts.timetable'), value: delayLabel(t, v.delayS) },
        { label: t('facts.nextStop'), value: v.nextStopId ? t(`facts.${statusKey[v.status]}`, { stop: stop?.name ?? v.nextStopId }) : '—' },
      ];
      if (v.speedKmh !== undefined) facts.push({ label: t('facts.speed'), value: `${fmt.fixed(v.speedKmh)} km/h` });
      if (full) facts.push({ label: t('facts.trip'), value: v.tripId }, { label: t('facts.vehicle'), value: ref.id });
      facts.push({ label: t('facts.position'), value: clock(v.observedAt) });
      const name = route ? [route.shortName, route.longName].filter(Boolean).join(' · ') : t('facts.route', { id: v.routeId });
      return { title: t('facts.busTitle', { name }), subtitle: t('facts.busSubtitle', { id: ref.id }), facts, warning: v.delayS >= 300 ? t('facts.running', { delay: delayLabel(t, v.delayS) }) : null, known: true };
    }
    case 'stop': {
      const stop = src.transitNetwork?.stops.find((s) => s.id === ref.id);
      if (!stop) return unknown(words, ref, 'notInFeed');
      const coming = Object.values(src.buses ?? {}).filter((v) => v.nextStopId === ref.id);
      const routes = [...new Set(coming.map((v) => src.transitNetwork?.routes.find((r) => r.id === v.routeId)?.shortName ?? v.routeId))].sort();
      const facts: Fact[] = [{ label: t('facts.busesComing'), value: coming.length ? `${coming.length} (${routes.join(', ')})` : t('facts.noneNow') }];
      if (full) facts.push({ label: t('facts.stopId'), value: stop.id });
      return { title: stop.name, subtitle: t('kind.stop'), facts, warning: null, known: true };
    }
    case 'incident': {
      const inc = src.incidents?.[ref.id];
      if (!inc) return unknown(words, ref, 'noLongerActive');
      const seg = src.segments?.find((s) => s.id === inc.segmentId);
      const facts: Fact[] = [
        { label: t('facts.severity'), value: t(`facts.severityLevel.${inc.severity}`) },
        { label: t('facts.capacityLeft'), value: pct(inc.capacityFactor) },
        { label: t('facts.since'), value: clock(inc.startedAt) },
        { label: t('facts.expectedEnd'), value: inc.endsAt ? clock(inc.endsAt) : t('facts.unknownTime') },
      ];
      if (seg || full) facts.unshift({ label: t('facts.road'), value: seg?.name ?? inc.segmentId });
      return {
        title: t(`incidentKind.${inc.kind}`),
        subtitle: words.say(inc.descriptionText, inc.description) || t('kind.incident'),
        facts,
        warning: inc.severity === 'high' ? t('facts.highSeverity') : null,
        known: true,
      };
    }
    case 'segment': {
      const seg = src.segments?.find((s) => s.id === ref.id);
      return seg ? { title: seg.name, subtitle: t('kind.segment'), facts: [], warning: null, known: true } : unknown(words, ref, 'notInNetwork');
    }
  }
}
