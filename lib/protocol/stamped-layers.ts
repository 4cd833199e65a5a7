import type { LayerName } from './layers';

/** Layers whose items carry `observedAt`, so a delta may leave it out (see delta-items.ts). Free of zod. */
export const stampedLayers: ReadonlySet<LayerName> = new Set<LayerName>(['traffic', 'grid', 'air', 'weather', 'transit']);
