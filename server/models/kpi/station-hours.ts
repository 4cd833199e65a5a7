import type { HourlyMeans } from '@/lib/domain/aqi-daily';
import { pollutantSchema, type Pollutant } from '@/lib/protocol/air';

const HOUR_MS = 3_600_000;
const POLLUTANTS = pollutantSchema.options;

/**
 * One station's hourly means over a contiguous range of hours, with running sums so that any
 * trailing mean costs two subtractions: a month's city AQI needs ~50,000 station-hours × three
 * windows × five pollutants, too many for lookups hour by hour.
 */
export class StationHours {
  private readonly values: Record<Pollutant, Float64Array>;
  private readonly sums: Record<Pollutant, Float64Array>;
  private readonly counts: Record<Pollutant, Int32Array>;
  private readonly present: Uint8Array;

  /** `rows`: [hour (ms), pm25, pm10, no2, o3, co] with null where a pollutant was not measured. */
  constructor(
    private readonly first: number,
    hours: number,
    rows: readonly (readonly (number | null)[])[],
  ) {
    this.present = new Uint8Array(hours);
    const make = <A>(f: () => A) => Object.fromEntries(POLLUTANTS.map((p) => [p, f()])) as Record<Pollutant, A>;
    this.values = make(() => new Float64Array(hours).fill(NaN));
    this.sums = make(() => new Float64Array(hours + 1));
    this.counts = make(() => new Int32Array(hours + 1));
    for (const r of rows) {
      const i = Math.round(((r[0] ?? NaN) - first) / HOUR_MS);
      if (!(i >= 0 && i < hours)) continue;
      this.present[i] = 1;
      POLLUTANTS.forEach((p, k) => {
        const v = r[k + 1];
        if (typeof v === 'number' && Number.isFinite(v)) this.values[p][i] = v;
      });
    }
    for (const p of POLLUTANTS) {
      const v = this.values[p];
      const s = this.sums[p];
      const c = this.counts[p];
      for (let i = 0; i < hours; i++) {
        const ok = !Number.isNaN(v[i]);
        s[i + 1] = s[i] + (ok ? v[i] : 0);
        c[i + 1] = c[i] + (ok ? 1 : 0);
      }
    }
  }

  private index(h: number): number {
    const i = Math.round((h - this.first) / HOUR_MS);
    return i >= 0 && i < this.present.length ? i : -1;
  }

  /** Whether the station reported in hour h. */
  has(h: number): boolean {
    const i = this.index(h);
    return i >= 0 && this.present[i] === 1;
  }

  /** The hour's means (missing pollutants absent), or an empty object. */
  get(h: number): HourlyMeans {
    const i = this.index(h);
    if (i < 0 || !this.present[i]) return {};
    const out: HourlyMeans = {};
    for (const p of POLLUTANTS) if (!Number.isNaN(this.values[p][i])) out[p] = this.values[p][i];
    return out;
  }

  /**
   * Means over the n hours ending with h; a mean needs three quarters of its hours (EPA
   * completeness), else it is NaN and left out.
   */
  trailing(h: number, n: number): Record<Pollutant, number> {
    const out = {} as Record<Pollutant, number>;
    const end = Math.round((h - this.first) / HOUR_MS) + 1;
    const a = Math.max(0, Math.min(this.present.length, end - n));
    const b = Math.max(0, Math.min(this.present.length, end));
    const need = Math.max(1, Math.ceil(n * 0.75));
    for (const p of POLLUTANTS) {
      const k = this.counts[p][b] - this.counts[p][a];
      out[p] = k >= need ? (this.sums[p][b] - this.sums[p][a]) / k : NaN;
    }
    return out;
  }
}
