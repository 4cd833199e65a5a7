import type { TrailingMeans } from '@/lib/domain/aqi';
import type { Pollutant } from '@/lib/protocol/air';

const HOUR = 3600_000;
const POLLUTANTS: readonly Pollutant[] = ['pm25', 'pm10', 'no2', 'o3', 'co'];

/**
 * A station's readings over the last 24 hours, for the AQI's 1-, 8- and 24-hour means. Each
 * mean covers what is held in its window: right after a start or a gap it rests on fewer
 * readings, as a NowCast does.
 */
export class TrailingWindow {
  private readonly held: Array<{ t: number; v: Record<Pollutant, number> }> = [];

  /** Add a reading; one at a time already held is replaced. Returns false for one older than the window. */
  add(t: number, v: Record<Pollutant, number>): boolean {
    const newest = this.held.length ? this.held[this.held.length - 1].t : -Infinity;
    if (t <= newest - 24 * HOUR) return false;
    let i = this.held.length;
    while (i > 0 && this.held[i - 1].t > t) i--;
    if (i > 0 && this.held[i - 1].t === t) this.held[i - 1] = { t, v };
    else this.held.splice(i, 0, { t, v });
    const cut = this.held[this.held.length - 1].t - 24 * HOUR;
    while (this.held.length && this.held[0].t <= cut) this.held.shift();
    return true;
  }

  get size(): number {
    return this.held.length;
  }

  means(): TrailingMeans {
    const newest = this.held[this.held.length - 1].t;
    const over = (hours: number) => {
      const from = newest - hours * HOUR;
      const sum: Record<Pollutant, number> = { pm25: 0, pm10: 0, no2: 0, o3: 0, co: 0 };
      let n = 0;
      for (let i = this.held.length - 1; i >= 0 && this.held[i].t > from; i--, n++) for (const p of POLLUTANTS) sum[p] += this.held[i].v[p];
      for (const p of POLLUTANTS) sum[p] /= n;
      return sum;
    };
    return { h1: over(1), h8: over(8), h24: over(24) };
  }
}
