import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { basemapSchema, type Basemap } from '../protocol/basemap';
import { BASEMAP_SOURCE, buildBasemapStyle, firstLabelLayerId, mapStyleFor } from './style';

const square = [[11.5, 48.1], [11.51, 48.1], [11.51, 48.11], [11.5, 48.11], [11.5, 48.1]];
const basemap: Basemap = basemapSchema.parse({
  type: 'FeatureCollection',
  name: 'Polis',
  center: [11.505, 48.105],
  bbox: [11.5, 48.1, 11.51, 48.11],
  features: [
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square] }, properties: { kind: 'land' } },
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square] }, properties: { kind: 'water', name: 'Ilm' } },
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [[11.5, 48.1], [11.51, 48.1]] }, properties: { kind: 'road', name: 'Linden Street', roadClass: 'secondary' } },
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [[11.5, 48.105], [11.51, 48.105]] }, properties: { kind: 'bridge', name: 'Ilm Bridge', roadClass: 'primary' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [11.505, 48.105] }, properties: { kind: 'district', name: 'Old Town' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [11.505, 48.106] }, properties: { kind: 'city', name: 'Polis' } },
  ],
});

describe('the local basemap style', () => {
  const style = buildBasemapStyle(basemap);
  const ids = style.layers.map((l) => l.id);

  it('is a valid maplibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('has no glyphs URL, so labels are drawn with local fonts and no internet', () => {
    expect('glyphs' in style).toBe(false);
  });

  it('serves the city basemap as one inline GeoJSON source', () => {
    const source = style.sources[BASEMAP_SOURCE];
    expect(source.type).toBe('geojson');
    expect(source.type === 'geojson' && typeof source.data === 'object' && 'features' in source.data && source.data.features).toHaveLength(6);
  });

  it('draws every label layer after every road and bridge layer', () => {
    const lastRoad = Math.max(...style.layers.flatMap((l, i) => (l.id.startsWith('road') || l.id.startsWith('bridge') ? [i] : [])));
    const firstLabel = style.layers.findIndex((l) => l.type === 'symbol');
    expect(lastRoad).toBeGreaterThan(0);
    expect(firstLabel).toBeGreaterThan(lastRoad);
    expect(style.layers.slice(firstLabel).every((l) => l.type === 'symbol')).toBe(true);
  });

  it('has street names along the lines and labels for districts, the city and the river', () => {
    const street = style.layers.find((l) => l.id === 'label-street-major');
    expect(street?.type === 'symbol' && street.layout?.['symbol-placement']).toBe('line');
    expect(ids).toEqual(expect.arrayContaining(['label-district', 'label-city', 'label-water']));
  });

  it('draws areas first: background, land, then water under the roads', () => {
    expect(ids[0]).toBe('background');
    expect(ids.indexOf('land')).toBeLessThan(ids.indexOf('water'));
    expect(ids.indexOf('water')).toBeLessThan(ids.indexOf('road-casing'));
    expect(ids.indexOf('road-casing')).toBeLessThan(ids.indexOf('bridge-casing'));
  });

  it('names the first label layer as the place for the traffic layer', () => {
    expect(firstLabelLayerId(style.layers)).toBe(style.layers.find((l) => l.type === 'symbol')?.id);
    expect(firstLabelLayerId([{ id: 'background', type: 'background' }])).toBeUndefined();
  });
});

describe('choosing the map style', () => {
  it('uses MAP_STYLE_URL when it is given', () => {
    expect(mapStyleFor({ styleUrl: 'https://tiles.example.org/style.json', basemap })).toBe('https://tiles.example.org/style.json');
  });

  it('builds the local style from the basemap otherwise', () => {
    const style = mapStyleFor({ styleUrl: null, basemap });
    expect(typeof style === 'object' && style?.version).toBe(8);
  });

  it('has nothing to show before either is known', () => {
    expect(mapStyleFor({ styleUrl: undefined, basemap: undefined })).toBeNull();
  });
});
