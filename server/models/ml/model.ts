import type { ModelFamily } from '@/lib/protocol/forecast';
import type { Context, DriverGroup } from './features';

/** A forecast origin: series i of the context's panel, its last observed step k. */
export interface Origin {
  i: number;
  k: number;
}

export interface Attribution {
  /** What the seasonal level and the model's average departure from it predict. */
  seasonal: number;
  drivers: { group: DriverGroup; contribution: number }[];
}

/**
 * A trained model of one family: the median forecast (P50) for horizons 1…H steps of many
 * origins at once (the GRU predicts in batches). Intervals come from the calibration (interval.ts).
 */
export interface Fitted {
  readonly family: ModelFamily;
  readonly horizons: number;
  /** One Float32Array of H medians per origin, in the target's units; NaN where it cannot forecast. */
  predict(ctx: Context, origins: readonly Origin[]): Promise<Float32Array[]>;
  /** JSON to store in the registry; `load` in families.ts reverses it. */
  artefact(): unknown;
  /** The drivers of the forecast at horizon h, when the family can say. */
  explain?(ctx: Context, origin: Origin, h: number): Attribution | null;
}
