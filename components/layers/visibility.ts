import type { FeatureKind } from './features';

/**
 * What the layer panel can switch on and off. Map layers stay mounted and are hidden with
 * deck.gl's `visible`, so toggling never rebuilds GPU buffers; the weather readout is a panel.
 */
export const toggleIds = ['traffic', 'grid', 'air', 'airSurface', 'transit', 'incidents', 'weather'] as const;
export type ToggleId = (typeof toggleIds)[number];
export type Visibility = Record<ToggleId, boolean>;

/**
 * Traffic and the weather readout start on; the other layers are one click away, so the first
 * view stays calm and traffic stays pickable under the pointer.
 */
export const defaultVisibility: Visibility = {
  traffic: true,
  grid: false,
  air: false,
  airSurface: true,
  transit: false,
  incidents: false,
  weather: true,
};

/** The toggle that shows each kind of thing on the map. */
export const toggleOfKind: Record<FeatureKind, ToggleId> = {
  segment: 'traffic',
  feeder: 'grid',
  substation: 'grid',
  battery: 'grid',
  station: 'air',
  bus: 'transit',
  stop: 'transit',
  incident: 'incidents',
};
