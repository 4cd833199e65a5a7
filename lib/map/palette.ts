/**
 * Colours of the dark control-room basemap. Kept muted and away from the congestion band colours
 * (lib/domain/congestion.ts) so traffic is the only saturated thing on the map.
 */
export const basemapPalette = {
  background: '#0a0e13',
  land: '#121920',
  water: '#0d2436',
  park: '#14231c',
  districtFill: '#161f29',
  districtLine: '#2c3846',
  roadCasing: '#05080b',
  roadFill: '#232b35',
  bridgeCasing: '#3b4757',
  bridgeFill: '#2a333e',
  streetLabel: '#c3ccd6',
  districtLabel: '#8896a6',
  cityLabel: '#eef2f6',
  waterLabel: '#5f8fb8',
  labelHalo: '#0a0e13',
} as const;
