import { aqiLevelStyle } from '@/lib/map/aqi-palette';
import { isOverloaded } from '@/lib/map/grid-colours';
import { incidentStyles } from '@/lib/map/icons';
import type { AirReading, Pollutant } from '@/lib/protocol/air';
import type { GridItem, GridNetwork } from '@/lib/protocol/grid';
import type { Incident } from '@/lib/protocol/incidents';
import type { TransitNetwork, Vehicle } from '@/lib/protocol/transit';
import type { RoadSegment } from '@/lib/domain/road';
import { formatClock } from '../format/time';
import { featureKindLabel, type FeatureRef } from './features';

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

const kw = (v: number) => `${Math.round(v).toLocaleString('en-GB')} kW`;
const pct = (v: number) => `${Math.round(v * 100)} %`;
export const pollutantLabel: Record<Pollutant, string> = { pm25: 'PM2.5', pm10: 'PM10', no2: 'NO₂', o3: 'O₃', co: 'CO' };

/** Delay in words: "on time" within half a minute, else minutes late or early. */
export function delayLabel(delayS: number): string {
  if (Math.abs(delayS) < 30) return 'on time';
  const min = Math.round(Math.abs(delayS) / 60);
  return `${min} min ${delayS > 0 ? 'late' : 'early'}`;
}

const statusLabel: Record<Vehicle['status'], string> = {
  INCOMING_AT: 'arriving at',
  STOPPED_AT: 'stopped at',
  IN_TRANSIT_TO: 'on the way to',
};

function unknown(ref: FeatureRef, why: string): FeatureFacts {
  return { title: ref.id, subtitle: `${featureKindLabel[ref.kind]} · ${why}`, facts: [], warning: null, known: false };
}

/**
 * Heading and live values of one thing on the map, from what the browser holds. `full` adds the
 * facts a detail panel shows beyond the tooltip. Only data that exists is shown; nothing is made up.
 */
export function featureFacts(ref: FeatureRef, src: FeatureSources, full = false): FeatureFacts {
  switch (ref.kind) {
    case 'feeder': {
      const feeder = src.gridNetwork?.feeders.find((f) => f.id === ref.id);
      const item = src.gridItems?.[ref.id];
      if (!feeder && !item) return unknown(ref, 'not in the grid data');
      const sub = feeder ? src.gridNetwork?.substations.find((s) => s.id === feeder.substationId) : undefined;
      const live = item?.kind === 'feeder' ? item : undefined;
      const facts: Fact[] = live
        ? [
            { label: 'Load', value: `${kw(live.loadKw)} of ${kw(live.capacityKw)}` },
            { label: 'Utilisation', value: pct(live.utilisation) },
            { label: 'Rooftop solar', value: kw(live.solarKw) },
            { label: 'EV charging', value: kw(live.evKw) },
            { label: 'Reading', value: formatClock(live.observedAt) },
          ]
        : [{ label: 'Rating', value: feeder ? kw(feeder.capacityKw) : '—' }, { label: 'Reading', value: 'none yet' }];
      if (full && sub) facts.push({ label: 'Substation', value: sub.name });
      return {
        title: feeder?.name ?? ref.id,
        subtitle: `Feeder${sub ? ` · from ${sub.name}` : ''}`,
        facts,
        warning: live && isOverloaded(live.utilisation) ? `Overloaded: ${pct(live.utilisation)} of rating` : null,
        known: true,
      };
    }
    case 'substation': {
      const sub = src.gridNetwork?.substations.find((s) => s.id === ref.id);
      const item = src.gridItems?.[ref.id];
      if (!sub && !item) return unknown(ref, 'not in the grid data');
      const live = item?.kind === 'substation' ? item : undefined;
      const facts: Fact[] = live
        ? [
            { label: 'Load', value: `${kw(live.loadKw)} of ${kw(live.capacityKw)}` },
            { label: 'Utilisation', value: pct(live.utilisation) },
            { label: 'Reading', value: formatClock(live.observedAt) },
          ]
        : [{ label: 'Rating', value: sub ? kw(sub.capacityKw) : '—' }, { label: 'Reading', value: 'none yet' }];
      if (full && src.gridNetwork) facts.push({ label: 'Feeders', value: String(src.gridNetwork.feeders.filter((f) => f.substationId === ref.id).length) });
      return {
        title: sub?.name ?? ref.id,
        subtitle: 'Substation',
        facts,
        warning: live && isOverloaded(live.utilisation) ? `Overloaded: ${pct(live.utilisation)} of rating` : null,
        known: true,
      };
    }
    case 'battery': {
      const bat = src.gridNetwork?.batteries.find((b) => b.id === ref.id);
      const item = src.gridItems?.[ref.id];
      if (!bat && !item) return unknown(ref, 'not in the grid data');
      const live = item?.kind === 'battery' ? item : undefined;
      const facts: Fact[] = [];
      if (live) {
        const mode = live.powerKw > 0 ? 'discharging' : live.powerKw < 0 ? 'charging' : 'idle';
        facts.push({ label: 'Power', value: `${kw(Math.abs(live.powerKw))} ${mode}` }, { label: 'State of charge', value: pct(live.stateOfCharge) });
      } else facts.push({ label: 'Reading', value: 'none yet' });
      if (bat && (full || !live)) facts.push({ label: 'Size', value: `${Math.round(bat.energyKwh).toLocaleString('en-GB')} kWh / ${kw(bat.powerKw)}` });
      if (live) facts.push({ label: 'Reading', value: formatClock(live.observedAt) });
      const feeder = bat ? src.gridNetwork?.feeders.find((f) => f.id === bat.feederId) : undefined;
      if (full && feeder) facts.push({ label: 'On feeder', value: feeder.name });
      return { title: bat?.name ?? ref.id, subtitle: 'Battery storage', facts, warning: null, known: true };
    }
    case 'station': {
      const r = src.stations?.[ref.id];
      if (!r) return unknown(ref, 'no reading now');
      const level = aqiLevelStyle(r.aqiLevel);
      const standard = r.aqiStandard === 'cn-hj633' ? 'HJ 633' : 'US EPA';
      const facts: Fact[] = [
        { label: `AQI (${standard})`, value: `${r.aqi} · ${level.names[r.aqiStandard]}` },
        { label: 'Dominant', value: pollutantLabel[r.dominant] },
        { label: 'PM2.5', value: `${r.pm25.toFixed(1)} µg/m³` },
        { label: 'NO₂', value: `${r.no2.toFixed(0)} µg/m³` },
      ];
      if (full)
        facts.push(
          { label: 'PM10', value: `${r.pm10.toFixed(1)} µg/m³` },
          { label: 'O₃', value: `${r.o3.toFixed(0)} µg/m³` },
          { label: 'CO', value: `${r.co.toFixed(2)} mg/m³` },
        );
      facts.push({ label: 'Reading', value: formatClock(r.observedAt) });
      return { title: r.name, subtitle: 'Air-quality station', facts, warning: r.aqiLevel >= 4 ? `${level.names[r.aqiStandard]} air` : null, known: true };
    }
    case 'bus': {
      const v = src.buses?.[ref.id];
      if (!v) return unknown(ref, 'not reporting now');
      const route = src.transitNetwork?.routes.find((r) => r.id === v.routeId);
      const stop = v.nextStopId ? src.transitNetwork?.stops.find((s) => s.id === v.nextStopId) : undefined;
      const facts: Fact[] = [
        { label: 'Timetable', value: delayLabel(v.delayS) },
        { label: 'Next stop', value: v.nextStopId ? `${statusLabel[v.status]} ${stop?.name ?? v.nextStopId}` : '—' },
      ];
      if (v.speedKmh !== undefined) facts.push({ label: 'Speed', value: `${v.speedKmh.toFixed(0)} km/h` });
      if (full) facts.push({ label: 'Trip', value: v.tripId }, { label: 'Vehicle', value: ref.id });
      facts.push({ label: 'Position', value: formatClock(v.observedAt) });
      const name = route ? [route.shortName, route.longName].filter(Boolean).join(' · ') : `Route ${v.routeId}`;
      return { title: `Bus ${name}`, subtitle: `Bus ${ref.id}`, facts, warning: v.delayS >= 300 ? `Running ${delayLabel(v.delayS)}` : null, known: true };
    }
    case 'stop': {
      const stop = src.transitNetwork?.stops.find((s) => s.id === ref.id);
      if (!stop) return unknown(ref, 'not in the transit feed');
      const coming = Object.values(src.buses ?? {}).filter((v) => v.nextStopId === ref.id);
      const routes = [...new Set(coming.map((v) => src.transitNetwork?.routes.find((r) => r.id === v.routeId)?.shortName ?? v.routeId))].sort();
      const facts: Fact[] = [{ label: 'Buses on the way', value: coming.length ? `${coming.length} (${routes.join(', ')})` : 'none now' }];
      if (full) facts.push({ label: 'Stop id', value: stop.id });
      return { title: stop.name, subtitle: 'Stop', facts, warning: null, known: true };
    }
    case 'incident': {
      const inc = src.incidents?.[ref.id];
      if (!inc) return unknown(ref, 'no longer active');
      const seg = src.segments?.find((s) => s.id === inc.segmentId);
      const facts: Fact[] = [
        { label: 'Severity', value: inc.severity },
        { label: 'Capacity left', value: pct(inc.capacityFactor) },
        { label: 'Since', value: formatClock(inc.startedAt) },
        { label: 'Expected end', value: inc.endsAt ? formatClock(inc.endsAt) : 'unknown' },
      ];
      if (seg || full) facts.unshift({ label: 'Road', value: seg?.name ?? inc.segmentId });
      return {
        title: incidentStyles[inc.kind].label,
        subtitle: inc.description || 'Incident',
        facts,
        warning: inc.severity === 'high' ? 'High severity' : null,
        known: true,
      };
    }
    case 'segment': {
      const seg = src.segments?.find((s) => s.id === ref.id);
      return seg ? { title: seg.name, subtitle: 'Road segment', facts: [], warning: null, known: true } : unknown(ref, 'not in the road network');
    }
  }
}
