'use client';

import 'maplibre-gl/dist/maplibre-gl.css';
import type { PickingInfo } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { useQuery } from '@tanstack/react-query';
import maplibregl from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RoadSegment } from '@/lib/domain/road';
import { boundsOfPaths } from '@/lib/map/bounds';
import { firstLabelLayerId, mapStyleFor } from '@/lib/map/style';
import { buildColourBuffer } from '@/lib/map/traffic-colours';
import { basemapQuery, networkQuery } from '../data/queries';
import { useLayerSnapshot, useLiveStatus } from '../live/use-live';
import { SegmentTooltip } from './SegmentTooltip';
import { TRAFFIC_LAYER_ID, trafficLayers } from './traffic-layers';
import styles from './TrafficMap.module.css';
import './test-handle';

/** Room for the header bar on top when fitting the city into view. */
const FIT_PADDING = { top: 72, bottom: 32, left: 32, right: 32 };
/** Tooltip size budget: flip it to the other side of the pointer near the edges. */
const TOOLTIP_W = 300;
const TOOLTIP_H = 130;
/** How far from a street a click still selects it. */
const CLICK_RADIUS_PX = 4;

interface MapHandle {
  map: maplibregl.Map;
  overlay: MapboxOverlay;
  /** The first label layer: traffic goes under it, so street names stay readable. */
  beforeId: string | undefined;
}

interface Hover {
  index: number;
  left: number;
  top: number;
}

export interface TrafficMapProps {
  /** MAP_STYLE_URL when configured; otherwise the city's own basemap style is used. */
  styleUrl: string | null;
  selectedId: string | null;
  onSelect: (segmentId: string) => void;
}

/** The live traffic map: maplibre basemap with a deck.gl path layer interleaved under the labels. */
export default function TrafficMap({ styleUrl, selectedId, onSelect }: TrafficMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const [ready, setReady] = useState(false);
  const [hover, setHover] = useState<Hover | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);
  /** What the last layers handed to deck.gl carried, for the render callback. */
  const drawn = useRef({ version: -1, hasData: false });

  const basemap = useQuery(basemapQuery);
  const network = useQuery(networkQuery);
  const snapshot = useLayerSnapshot('traffic');
  const live = useLiveStatus('traffic');

  const basemapData = basemap.data;
  // With an online style the city basemap is only needed for the initial view: don't wait on it forever.
  const canStart = styleUrl ? !basemap.isPending || basemap.failureCount > 0 : basemapData !== undefined;

  useEffect(() => {
    const container = containerRef.current;
    const style = canStart ? mapStyleFor({ styleUrl, basemap: basemapData }) : null;
    if (!container || !style) return;
    const map = new maplibregl.Map({
      container,
      style,
      ...(basemapData ? { bounds: basemapData.bbox, fitBoundsOptions: { padding: FIT_PADDING } } : {}),
      attributionControl: styleUrl ? { compact: true } : false,
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
    });
    map.touchZoomRotate.disableRotation();
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'bottom-right');

    let deckReady = false;
    const overlay = new MapboxOverlay({
      interleaved: true,
      layers: [],
      onAfterRender: () => {
        const test = window.__polis;
        if (test?.map === map) test.lastRenderedVersion = drawn.current.version;
        if (!deckReady && drawn.current.hasData) {
          deckReady = true;
          if (test?.map === map) test.deckReady = true;
          setReady(true);
        }
      },
    });
    map.addControl(overlay);
    map.on('error', (e) => {
      console.warn('[map]', e.error?.message ?? e);
      if (!map.loaded()) setMapError(e.error?.message ?? 'the map style could not be loaded');
    });
    map.once('load', () => {
      window.__polis = { map, deckReady: false, lastRenderedVersion: -1 };
      setMapError(null);
      setHandle({ map, overlay, beforeId: firstLabelLayerId(map.getStyle().layers) });
    });
    return () => {
      if (window.__polis?.map === map) delete window.__polis;
      // Also removes the overlay control, which finalises deck.gl.
      map.remove();
    };
  }, [canStart, styleUrl, basemapData]);

  // An online style without the city basemap: frame the road network instead.
  const fitted = useRef(false);
  const segments = network.data?.segments;
  useEffect(() => {
    if (!handle || basemapData || fitted.current || !segments) return;
    const box = boundsOfPaths(segments.map((s) => s.path));
    if (box) handle.map.fitBounds(box, { padding: FIT_PADDING, duration: 0 });
    fitted.current = true;
  }, [handle, basemapData, segments]);

  const colours = useMemo(() => (segments && snapshot ? buildColourBuffer(segments, snapshot.items) : null), [segments, snapshot]);
  const selectedIndex = useMemo(() => (segments && selectedId ? segments.findIndex((s) => s.id === selectedId) : -1), [segments, selectedId]);
  const version = snapshot?.version ?? -1;
  const dimmed = live.state !== 'live';

  const onHover = useCallback((info: PickingInfo<RoadSegment>) => {
    const el = containerRef.current;
    if (!info.picked || info.index < 0 || !el) return setHover(null);
    const left = info.x + 14 + TOOLTIP_W > el.clientWidth ? info.x - 14 - TOOLTIP_W : info.x + 14;
    const top = info.y + 14 + TOOLTIP_H > el.clientHeight ? info.y - 14 - TOOLTIP_H : info.y + 14;
    setHover({ index: info.index, left, top });
  }, []);
  // Clicks are picked synchronously at the click point, with a few pixels of slack: deck.gl's
  // own click picking reuses an asynchronous pick from pointer-down, which a layer update from
  // the live feed (every second or two) can discard, and a 2-pixel street is hard to hit.
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);
  useEffect(() => {
    if (!handle) return;
    const onMapClick = (e: maplibregl.MapMouseEvent) => {
      const info = handle.overlay.pickObject({ x: e.point.x, y: e.point.y, radius: CLICK_RADIUS_PX, layerIds: [TRAFFIC_LAYER_ID] });
      const segment = info?.object as RoadSegment | undefined;
      if (segment) onSelectRef.current(segment.id);
    };
    handle.map.on('click', onMapClick);
    return () => {
      handle.map.off('click', onMapClick);
    };
  }, [handle]);

  useEffect(() => {
    if (!handle || !segments) return;
    drawn.current = { version, hasData: colours !== null };
    handle.overlay.setProps({
      layers: trafficLayers({ segments, colours, version, beforeId: handle.beforeId, dimmed, selectedIndex, onHover }),
    });
  }, [handle, segments, colours, version, dimmed, selectedIndex, onHover]);

  useEffect(() => {
    if (handle) handle.map.getCanvas().style.cursor = hover ? 'pointer' : '';
  }, [handle, hover]);

  const hovered = hover && segments?.[hover.index] ? { segment: segments[hover.index], ...hover } : null;
  const problem = mapError ?? (basemap.failureReason && !basemapData && !styleUrl ? `City map unavailable: ${basemap.failureReason.message}. Retrying…` : null);

  return (
    <div className={styles.wrap} data-map-ready={ready ? 'true' : undefined}>
      <div ref={containerRef} className={styles.map} aria-label="Live traffic map" role="region" />
      {hovered ? (
        <SegmentTooltip segment={hovered.segment} reading={snapshot?.items[hovered.segment.id]} left={hovered.left} top={hovered.top} />
      ) : null}
      {!handle && !problem ? <div className={styles.notice}>Loading the city map…</div> : null}
      {problem ? (
        <div className={styles.notice} role="alert">
          {problem}
        </div>
      ) : null}
      {network.failureReason && !segments ? (
        <div className={styles.notice} role="alert">
          Road network unavailable: {network.failureReason.message}. Retrying…
        </div>
      ) : null}
    </div>
  );
}
