/** Every kind of thing on the map a person can hover or select. */
export const featureKinds = ['segment', 'feeder', 'substation', 'battery', 'station', 'bus', 'stop', 'incident'] as const;
export type FeatureKind = (typeof featureKinds)[number];

/** One thing on the map: its kind and its id within that kind. */
export interface FeatureRef {
  kind: FeatureKind;
  id: string;
}

export const sameFeature = (a: FeatureRef | null, b: FeatureRef | null) => a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id);

