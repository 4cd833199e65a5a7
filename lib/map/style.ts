import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import type { Basemap } from '../protocol/basemap';
import type { RoadClass } from '../domain/road';
import { basemapPalette as c } from './palette';

/** The GeoJSON source holding the city's own basemap. */
export const BASEMAP_SOURCE = 'city';

/** Local fonts only: with no `glyphs` URL maplibre-gl draws labels with TinySDF, no internet needed. */
const regular = ['Noto Sans Regular', 'sans-serif'];
const bold = ['Noto Sans Bold', 'sans-serif'];
const italic = ['Noto Sans Italic', 'sans-serif'];

const kindIs = (kind: string): ExpressionSpecification => ['==', ['get', 'kind'], kind];
/** Districts are both polygons (areas) and points (where their name goes): tell them apart. */
const areaOf = (kind: string): ExpressionSpecification => ['all', kindIs(kind), ['==', ['geometry-type'], 'Polygon']];
const placeOf = (kind: string): ExpressionSpecification => ['all', kindIs(kind), ['==', ['geometry-type'], 'Point']];

/** Width in pixels per road class at a zoom, as a `match` on the feature's roadClass. */
function byClass(widths: Record<RoadClass, number>): ExpressionSpecification {
  return [
    'match',
    ['get', 'roadClass'],
    'motorway',
    widths.motorway,
    'primary',
    widths.primary,
    'secondary',
    widths.secondary,
    'tertiary',
    widths.tertiary,
    widths.residential,
  ];
}

/**
 * Casing wide enough to frame both directions of a street, which the traffic layer draws side by
 * side; grows with zoom like a real street does.
 */
const casingWidths: Array<[zoom: number, widths: Record<RoadClass, number>]> = [
  [10, { motorway: 4, primary: 3, secondary: 2, tertiary: 1.5, residential: 1 }],
  [13, { motorway: 14, primary: 12, secondary: 10, tertiary: 7, residential: 5 }],
  [17, { motorway: 30, primary: 26, secondary: 22, tertiary: 16, residential: 12 }],
];

function zoomWidth(scale: number, minus = 0): DataDrivenPropertyValueSpecification<number> {
  const stops: Array<number | ExpressionSpecification> = [];
  for (const [zoom, widths] of casingWidths) {
    const scaled = Object.fromEntries(
      Object.entries(widths).map(([k, w]) => [k, Math.max(0.5, w * scale - minus)]),
    ) as Record<RoadClass, number>;
    stops.push(zoom, byClass(scaled));
  }
  return ['interpolate', ['exponential', 1.4], ['zoom'], ...stops] as ExpressionSpecification;
}

function lineLayers(kind: 'road' | 'bridge', casing: string, fill: string): LayerSpecification[] {
  return [
    {
      id: `${kind}-casing`,
      type: 'line',
      source: BASEMAP_SOURCE,
      filter: kindIs(kind),
      layout: { 'line-cap': kind === 'road' ? 'round' : 'butt', 'line-join': 'round' },
      paint: { 'line-color': casing, 'line-width': zoomWidth(kind === 'bridge' ? 1.15 : 1) },
    },
    {
      id: `${kind}-fill`,
      type: 'line',
      source: BASEMAP_SOURCE,
      filter: kindIs(kind),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': fill, 'line-width': zoomWidth(1, 2) },
    },
  ];
}

const halo = { 'text-halo-color': c.labelHalo, 'text-halo-width': 1.6, 'text-halo-blur': 0.4 } as const;

function streetLabels(id: string, classes: RoadClass[], minzoom: number, size: [number, number]): LayerSpecification {
  return {
    id,
    type: 'symbol',
    source: BASEMAP_SOURCE,
    minzoom,
    filter: ['all', ['in', ['get', 'kind'], ['literal', ['road', 'bridge']]], ['in', ['get', 'roadClass'], ['literal', classes]]],
    layout: {
      'symbol-placement': 'line',
      'symbol-spacing': 320,
      'text-field': ['get', 'name'],
      'text-font': regular,
      'text-size': ['interpolate', ['linear'], ['zoom'], minzoom, size[0], 17, size[1]],
      'text-max-angle': 30,
      'text-padding': 4,
    },
    paint: { 'text-color': c.streetLabel, ...halo },
  };
}

/**
 * The control room's basemap style, built from the city's own GeoJSON basemap: areas, then road
 * casings and bridges, then labels (street names along the lines, rivers, districts, the city).
 * Every label layer comes after every road layer, so the traffic layer can be slotted in before
 * the first label and sit under the names.
 */
export function buildBasemapStyle(basemap: Basemap): StyleSpecification {
  return {
    version: 8,
    name: `${basemap.name} (local basemap)`,
    // No `glyphs`: maplibre-gl ≥ 5.11 then renders text with local fonts, so the map works offline.
    sources: {
      [BASEMAP_SOURCE]: {
        type: 'geojson',
        // Only the standard members: name, center and bbox are for the app, not the renderer.
        data: { type: 'FeatureCollection', features: basemap.features },
        tolerance: 0.3,
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': c.background } },
      { id: 'land', type: 'fill', source: BASEMAP_SOURCE, filter: areaOf('land'), paint: { 'fill-color': c.land } },
      {
        id: 'district-fill',
        type: 'fill',
        source: BASEMAP_SOURCE,
        filter: areaOf('district'),
        paint: { 'fill-color': c.districtFill, 'fill-opacity': 0.5 },
      },
      { id: 'park', type: 'fill', source: BASEMAP_SOURCE, filter: areaOf('park'), paint: { 'fill-color': c.park } },
      { id: 'water', type: 'fill', source: BASEMAP_SOURCE, filter: areaOf('water'), paint: { 'fill-color': c.water } },
      {
        id: 'district-line',
        type: 'line',
        source: BASEMAP_SOURCE,
        filter: areaOf('district'),
        paint: { 'line-color': c.districtLine, 'line-width': 1, 'line-dasharray': [3, 3] },
      },
      ...lineLayers('road', c.roadCasing, c.roadFill),
      ...lineLayers('bridge', c.bridgeCasing, c.bridgeFill),
      streetLabels('label-street-minor', ['tertiary', 'residential'], 14, [10, 13]),
      streetLabels('label-street-major', ['motorway', 'primary', 'secondary'], 11.5, [10.5, 15]),
      {
        id: 'label-water',
        type: 'symbol',
        source: BASEMAP_SOURCE,
        filter: placeOf('water-label'),
        layout: { 'text-field': ['get', 'name'], 'text-font': italic, 'text-size': 13, 'text-letter-spacing': 0.08 },
        paint: { 'text-color': c.waterLabel, ...halo },
      },
      {
        id: 'label-district',
        type: 'symbol',
        source: BASEMAP_SOURCE,
        filter: placeOf('district'),
        layout: {
          'text-field': ['upcase', ['get', 'name']],
          'text-font': bold,
          'text-size': ['interpolate', ['linear'], ['zoom'], 11, 10, 16, 14],
          'text-letter-spacing': 0.15,
          'text-max-width': 8,
        },
        paint: { 'text-color': c.districtLabel, ...halo },
      },
      {
        id: 'label-city',
        type: 'symbol',
        source: BASEMAP_SOURCE,
        filter: placeOf('city'),
        maxzoom: 14,
        layout: { 'text-field': ['get', 'name'], 'text-font': bold, 'text-size': 20, 'text-letter-spacing': 0.05 },
        paint: { 'text-color': c.cityLabel, ...halo, 'text-halo-width': 2 },
      },
    ],
  };
}

/** Whether a layer draws text or icons: the traffic layer goes under the first of these. */
export function isLabelLayer(layer: Pick<LayerSpecification, 'type'>): boolean {
  return layer.type === 'symbol';
}

/** Id of the first label layer in drawing order, the traffic layer's `beforeId`; undefined if none. */
export function firstLabelLayerId(layers: ReadonlyArray<Pick<LayerSpecification, 'id' | 'type'>>): string | undefined {
  return layers.find(isLabelLayer)?.id;
}

/**
 * The style the map starts with: the online style at MAP_STYLE_URL when one is configured,
 * otherwise the city's own basemap; null while neither is known yet.
 */
export function mapStyleFor(input: { styleUrl: string | null | undefined; basemap: Basemap | undefined }): string | StyleSpecification | null {
  if (input.styleUrl) return input.styleUrl;
  if (input.basemap) return buildBasemapStyle(input.basemap);
  return null;
}
