'use client';

import 'maplibre-gl/dist/maplibre-gl.css';
import type { PickingInfo } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { useQuery } from '@tanstack/react-query';
import maplibregl from 'maplibre-gl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { boundsOfPaths } from '@/lib/map/bounds';
import { firstLabelLayerId, mapStyleFor } from '@/lib/map/style';
import { basemapQuery, networkQuery } from '../data/queries';
import { useLayerSnapshot } from '../live/use-live';
import { cityLayers, featureOf, pickableLayerIds } from '../layers/compose';
import { sameFeature, type FeatureRef } from '../layers/features';
import { FeatureTooltip } from '../layers/FeatureTooltip';
import { useCityLayers } from '../layers/use-city-layers';
import { toggleOfKind, type Visibility } from '../layers/visibility';
import type { MapFocus } from './focus';
import { SegmentTooltip } from './SegmentTooltip';
import { TimeMarking } from './TimeMarking';
import styles from './CityMap.module.css';
import './test-handle';

/** Stands for "the style did not load" with no message of its own; said in the page's language. */
const STYLE_FAILED = '';

/** Room for the header bar on top when fitting the city into view. */
const FIT_PADDING = { top: 72, bottom: 32, left: 32, right: 32 };
/** Tooltip size budget: flip it to the other side of the pointer near the edges. */
const TOOLTIP_W = 300;
const TOOLTIP_H = 150;
/** How far from a street or marker a click still selects it. */
const CLICK_RADIUS_PX = 4;

interface MapHandle {
  map: maplibregl.Map;
  overlay: MapboxOverlay;
  /** The first label layer: data goes under it, so street names stay readable. */
  beforeId: string | undefined;
}

interface Hover {
  feature: FeatureRef;
  left: number;
  top: number;
}

export interface CityMapProps {
  /** MAP_STYLE_URL when configured; otherwise the city's own basemap style is used. */
  styleUrl: string | null;
  selection: FeatureRef | null;
  onSelect: (feature: FeatureRef) => void;
  visibility: Visibility;
  /** Fly here when it changes (search and alerts); the map is otherwise the person's to move. */
  focus?: MapFocus | null;
}

/**
 * The city map: the maplibre basemap with every live layer drawn by deck.gl, interleaved under the
 * labels. Each layer group builds its own deck layers (components/layers); this file sets up the
 * map, hands the composed layers to the overlay, and turns pointer events into hover and selection.
 */
export default function CityMap({ styleUrl, selection, onSelect, visibility, focus = null }: CityMapProps) {
  const t = useTranslations('map');
  const containerRef = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const [ready, setReady] = useState(false);
  const [hover, setHover] = useState<Hover | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);
  /** What the last layers handed to deck.gl carried, for the render callback. */
  const drawn = useRef<{ versions: Record<string, number>; hasData: boolean; time: string }>({
    versions: { traffic: -1 },
    hasData: false,
    time: 'live',
  });

  // maplibre's own controls, labelled in the page's language (its `locale` option).
  const mapUi = useMemo(
    () => ({ 'NavigationControl.ZoomIn': t('controls.zoomIn'), 'NavigationControl.ZoomOut': t('controls.zoomOut'), 'AttributionControl.ToggleAttribution': t('controls.attribution') }),
    [t],
  );
  const mapUiRef = useRef(mapUi);
  useEffect(() => {
    mapUiRef.current = mapUi;
    // maplibre reads its locale when it makes a control: a language switch relabels the buttons it made already.
    const buttons = [
      ['.maplibregl-ctrl-zoom-in', mapUi['NavigationControl.ZoomIn']],
      ['.maplibregl-ctrl-zoom-out', mapUi['NavigationControl.ZoomOut']],
      ['.maplibregl-ctrl-attrib-button', mapUi['AttributionControl.ToggleAttribution']],
    ] as const;
    for (const [selector, label] of buttons)
      containerRef.current?.querySelectorAll(selector).forEach((b) => {
        b.setAttribute('title', label);
        b.setAttribute('aria-label', label);
      });
  }, [mapUi]);

  const basemap = useQuery(basemapQuery);
  const network = useQuery(networkQuery);
  const traffic = useLayerSnapshot('traffic');

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
      locale: mapUiRef.current,
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
        if (test?.map === map) {
          test.lastRenderedVersion = drawn.current.versions.traffic ?? -1;
          test.drawnVersions = drawn.current.versions;
          test.drawnTime = drawn.current.time;
        }
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
      if (!map.loaded()) setMapError(e.error?.message ?? STYLE_FAILED);
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

  // Search and alerts ask the map to look somewhere: fly there, once per request.
  useEffect(() => {
    if (!handle || !focus) return;
    const { map } = handle;
    if (focus.bounds) map.fitBounds(focus.bounds, { padding: FIT_PADDING, maxZoom: 17, duration: 800 });
    else if (focus.center) map.flyTo({ center: focus.center, zoom: Math.max(map.getZoom(), focus.zoom ?? 16), duration: 800 });
  }, [handle, focus]);

  // An online style without the city basemap: frame the road network instead.
  const fitted = useRef(false);
  const segments = network.data?.segments;
  useEffect(() => {
    if (!handle || basemapData || fitted.current || !segments) return;
    const box = boundsOfPaths(segments.map((s) => s.path));
    if (box) handle.map.fitBounds(box, { padding: FIT_PADDING, duration: 0 });
    fitted.current = true;
  }, [handle, basemapData, segments]);

  const { input, versions, hasTraffic, timeTravel, assetsMissing } = useCityLayers({ segments, visibility, selection, beforeId: handle?.beforeId });

  const onHover = useCallback((info: PickingInfo) => {
    const el = containerRef.current;
    const feature = featureOf(info);
    if (!feature || !el) return setHover(null);
    const left = info.x + 14 + TOOLTIP_W > el.clientWidth ? info.x - 14 - TOOLTIP_W : info.x + 14;
    const top = info.y + 14 + TOOLTIP_H > el.clientHeight ? info.y - 14 - TOOLTIP_H : info.y + 14;
    setHover((prev) => (prev && sameFeature(prev.feature, feature) && prev.left === left && prev.top === top ? prev : { feature, left, top }));
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
      const info = handle.overlay.pickObject({ x: e.point.x, y: e.point.y, radius: CLICK_RADIUS_PX, layerIds: pickableLayerIds });
      const feature = featureOf(info);
      if (feature) onSelectRef.current(feature);
    };
    handle.map.on('click', onMapClick);
    return () => {
      handle.map.off('click', onMapClick);
    };
  }, [handle]);

  useEffect(() => {
    if (!handle) return;
    const time = timeTravel.mode.kind === 'live' ? 'live' : timeTravel.key;
    drawn.current = { versions, hasData: hasTraffic, time };
    handle.overlay.setProps({ layers: cityLayers(input), onHover });
  }, [handle, input, versions, hasTraffic, timeTravel.mode.kind, timeTravel.key, onHover]);

  // A layer switched off under the pointer takes its tooltip with it.
  const shown = hover && visibility[toggleOfKind[hover.feature.kind]] ? hover : null;

  useEffect(() => {
    if (handle) handle.map.getCanvas().style.cursor = shown ? 'pointer' : '';
  }, [handle, shown]);

  const hoveredSegment = shown?.feature.kind === 'segment' ? segments?.find((s) => s.id === shown.feature.id) : undefined;
  const problem =
    mapError !== null
      ? mapError || t('styleFailed')
      : basemap.failureReason && !basemapData && !styleUrl
        ? t('basemapUnavailable', { error: basemap.failureReason.message })
        : null;

  return (
    <div className={styles.wrap} data-map-ready={ready ? 'true' : undefined} data-time-mode={timeTravel.mode.kind}>
      <div ref={containerRef} className={styles.map} aria-label={t('regionLabel')} role="region" />
      <TimeMarking travel={timeTravel} assetsMissing={assetsMissing} />
      {shown && hoveredSegment ? (
        <SegmentTooltip segment={hoveredSegment} reading={traffic?.items[hoveredSegment.id]} left={shown.left} top={shown.top} />
      ) : null}
      {shown && shown.feature.kind !== 'segment' ? <FeatureTooltip feature={shown.feature} left={shown.left} top={shown.top} /> : null}
      {!handle && !problem ? <div className={styles.notice}>{t('loading')}</div> : null}
      {problem ? (
        <div className={styles.notice} role="alert">
          {problem}
        </div>
      ) : null}
      {network.failureReason && !segments ? (
        <div className={styles.notice} role="alert">
          {t('networkUnavailable', { error: network.failureReason.message })}
        </div>
      ) : null}
    </div>
  );
}
