import { describe, expect, it } from 'vitest';
import { issuesOf } from '../validation';
import { basemapSchema } from './basemap';

const square = [[11.5, 48.1], [11.51, 48.1], [11.51, 48.11], [11.5, 48.11], [11.5, 48.1]];
const basemap = () => ({
  type: 'FeatureCollection',
  name: 'Polis',
  center: [11.505, 48.105],
  bbox: [11.5, 48.1, 11.51, 48.11],
  features: [
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [square] }, properties: { kind: 'water', name: 'River Ilm' } },
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [[11.5, 48.1], [11.51, 48.1]] }, properties: { kind: 'road', name: 'Linden Street', roadClass: 'secondary' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [11.505, 48.105] }, properties: { kind: 'district', name: 'Old Town' } },
  ],
});

describe('basemap schema', () => {
  it('accepts areas, roads and places', () => {
    expect(basemapSchema.safeParse(basemap()).success).toBe(true);
  });

  it('rejects a polygon ring with too few points', () => {
    const b = basemap();
    b.features[0].geometry.coordinates = [square.slice(0, 2)];
    expect(basemapSchema.safeParse(b).success).toBe(false);
  });

  it('rejects a road without a class', () => {
    const b = basemap();
    b.features[1].properties = { kind: 'road', name: 'Linden Street' } as never;
    const r = basemapSchema.safeParse(b);
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error).some((i) => i.path.startsWith('features[1]'))).toBe(true);
  });

  it('rejects a collection without a centre', () => {
    const { center: _, ...rest } = basemap();
    const r = basemapSchema.safeParse(rest);
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error)[0].path).toBe('center');
  });
});
