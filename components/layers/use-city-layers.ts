'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { RoadSegment } from '@/lib/domain/road';
import type { LayerName } from '@/lib/protocol/layers';
import { useActionPreview } from '../actions/use-action-preview';
import { gridNetworkQuery, transitNetworkQuery } from '../data/queries';
import { useLayerSnapshot, useLiveStatus } from '../live/use-live';
import type { CityLayersInput } from './compose';
import type { FeatureRef } from './features';
import { largestSubstationLoad, overloadedFeeders } from './grid-layers';
import type { SelectionMark } from './selection-layers';
import { useAirSurface } from './use-air-surface';
import { TrafficPainter } from './traffic-painter';
import { routeColours } from './transit-layers';
import { useTimeTravelTraffic, type TimeTravelTraffic } from '../timeline/use-time-travel';
import { useTimeTravelAssets } from '../timeline/use-time-travel-assets';
import type { Visibility } from './visibility';

const withIds = <T extends object>(items: Readonly<Record<string, T>> | undefined): Array<T & { id: string }> =>
  items ? Object.entries(items).map(([id, item]) => ({ ...item, id })) : [];

/** Snapshot version per live layer, -1 before the first one: what the map last handed to deck.gl. */
export type LayerVersions = Record<LayerName, number>;

export interface CityLayersState {
  input: CityLayersInput;
  versions: LayerVersions;
  /** Traffic colours exist: the map has something live to show. */
  hasTraffic: boolean;
  /** What the timeline put on the map instead of live traffic (replay or forecast), if anything. */
  timeTravel: TimeTravelTraffic;
  /** Why grid or air stay live while the timeline is elsewhere (null: shown at that time). */
  assetsMissing: { grid: string | null; air: string | null };
}


/**
 * Everything the map's layers need, built from the react-query cache and memoised per snapshot
 * (each snapshot is a new object when its version changes): arrays and images are rebuilt only
 * when their own layer changes, never on another layer's update or a toggle.
 */
export function useCityLayers(args: {
  segments: readonly RoadSegment[] | undefined;
  visibility: Visibility;
  selection: FeatureRef | null;
  beforeId: string | undefined;
}): CityLayersState {
  const { segments, visibility, selection, beforeId } = args;
  const traffic = useLayerSnapshot('traffic');
  const grid = useLayerSnapshot('grid');
  const air = useLayerSnapshot('air');
  const transit = useLayerSnapshot('transit');
  const incidents = useLayerSnapshot('incidents');
  const gridNetwork = useQuery(gridNetworkQuery).data;
  const preview = useActionPreview();
  const transitNetwork = useQuery(transitNetworkQuery).data;
  const dim = {
    traffic: useLiveStatus('traffic').state !== 'live',
    grid: useLiveStatus('grid').state !== 'live',
    air: useLiveStatus('air').state !== 'live',
    transit: useLiveStatus('transit').state !== 'live',
    incidents: useLiveStatus('incidents').state !== 'live',
  };

  // The network as typed arrays, once; live updates and the timeline only rewrite colour bytes.
  const painter = useMemo(() => (segments ? new TrafficPainter(segments) : null), [segments]);
  const asOf = traffic?.asOf ? Date.parse(traffic.asOf) : 0;
  const timeTravel = useTimeTravelTraffic(segments, asOf);
  // Recolours only the ids the last delta changed when the snapshot names them (see TrafficPainter.sync).
  const liveColours = useMemo(() => (painter && traffic ? painter.sync(traffic) : null), [painter, traffic]);
  const colours = timeTravel.colours ?? (timeTravel.mode.kind === 'live' ? liveColours : null);
  const colourKey = `${timeTravel.key}:${traffic?.version ?? -1}:${colours ? 1 : 0}`;
  // colourKey names every change of `colours` (whose live buffer is reused in place).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const data = useMemo(() => painter?.draw(colours) ?? null, [painter, colourKey]);
  const selectedIndex = useMemo(
    () => (segments && selection?.kind === 'segment' ? segments.findIndex((s) => s.id === selection.id) : -1),
    [segments, selection],
  );

  // Replay and forecast put the grid and air of that time on the map, as they do the traffic.
  const assets = useTimeTravelAssets(grid, air, asOf);
  const gridItems = assets.grid;
  // While live these are the cache's items, written in place: the keys name every change.
  const gridKey = `${grid?.version ?? -1}:${assets.key.grid}`;
  const airKey = `${air?.version ?? -1}:${assets.key.air}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const overloaded = useMemo(() => overloadedFeeders(gridNetwork?.feeders ?? [], gridItems), [gridNetwork, gridKey]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const largestLoadKw = useMemo(() => largestSubstationLoad(gridItems), [gridKey]);

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stations = useMemo(() => withIds(assets.air), [airKey]);
  const surface = useAirSurface(stations);

  const buses = useMemo(() => withIds(transit?.items), [transit]);
  const coloursByRoute = useMemo(() => routeColours(transitNetwork?.routes ?? []), [transitNetwork]);
  const incidentItems = useMemo(() => withIds(incidents?.items), [incidents]);

  const mark = useMemo((): SelectionMark | null => {
    if (!selection) return null;
    switch (selection.kind) {
      case 'feeder': {
        const f = gridNetwork?.feeders.find((x) => x.id === selection.id);
        return f ? { path: f.path } : null;
      }
      case 'substation':
      case 'battery': {
        const list = selection.kind === 'substation' ? gridNetwork?.substations : gridNetwork?.batteries;
        const a = list?.find((x) => x.id === selection.id);
        return a ? { point: a.location } : null;
      }
      case 'stop': {
        const s = transitNetwork?.stops.find((x) => x.id === selection.id);
        return s ? { point: s.location } : null;
      }
      case 'station':
        return air?.items[selection.id] ? { point: air.items[selection.id].location } : null;
      case 'bus':
        return transit?.items[selection.id] ? { point: transit.items[selection.id].location } : null;
      case 'incident':
        return incidents?.items[selection.id] ? { point: incidents.items[selection.id].location } : null;
      default:
        return null;
    }
  }, [selection, gridNetwork, transitNetwork, air, transit, incidents]);

  const v = {
    traffic: traffic?.version ?? -1,
    grid: grid?.version ?? -1,
    air: air?.version ?? -1,
    transit: transit?.version ?? -1,
    incidents: incidents?.version ?? -1,
  };
  const versions: LayerVersions = useMemo(
    () => ({ traffic: v.traffic, grid: v.grid, air: v.air, weather: -1, transit: v.transit, incidents: v.incidents }),
    [v.traffic, v.grid, v.air, v.transit, v.incidents],
  );

  // One object per real change, so the map hands deck.gl new layers only when something moved.
  const input = useMemo(
    (): CityLayersInput => ({
      beforeId,
      selection: mark,
      preview,
      traffic:
        segments && data
          ? {
              segments,
              data,
              colourKey,
              beforeId,
              dimmed: timeTravel.mode.kind === 'live' ? dim.traffic : false,
              selectedIndex,
              visible: visibility.traffic,
            }
          : null,
      grid: {
        network: gridNetwork,
        items: gridItems,
        overloaded,
        largestLoadKw,
        version: `${versions.grid}:${assets.key.grid}`,
        visible: visibility.grid,
        dimmed: assets.key.grid === 'live' ? dim.grid : false,
        beforeId,
      },
      air: {
        stations,
        surface,
        version: `${versions.air}:${assets.key.air}`,
        visible: visibility.air,
        surfaceVisible: visibility.airSurface,
        dimmed: assets.key.air === 'live' ? dim.air : false,
        beforeId,
      },
      transit: {
        network: transitNetwork,
        colours: coloursByRoute,
        coloursKey: transitNetwork ? `routes:${transitNetwork.routes.length}` : 'none',
        buses,
        version: versions.transit,
        visible: visibility.transit,
        dimmed: dim.transit,
        beforeId,
      },
      incidents: { incidents: incidentItems, version: versions.incidents, visible: visibility.incidents, dimmed: dim.incidents, beforeId },
    }),
    [
      beforeId,
      mark,
      preview,
      segments,
      data,
      colourKey,
      timeTravel.mode.kind,
      versions,
      dim.traffic,
      dim.grid,
      dim.air,
      dim.transit,
      dim.incidents,
      selectedIndex,
      visibility,
      gridNetwork,
      gridItems,
      overloaded,
      largestLoadKw,
      assets.key.grid,
      assets.key.air,
      stations,
      surface,
      transitNetwork,
      coloursByRoute,
      buses,
      incidentItems,
    ],
  );
  return { input, versions, hasTraffic: colours !== null, timeTravel, assetsMissing: assets.missing };
}
