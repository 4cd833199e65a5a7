import type { Panel } from './panel';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-01 was a Thursday: shift so a week starts on Monday 00:00 UTC. */
const MONDAY_OFFSET_MS = 3 * DAY_MS;
const towMs = (t: number) => (((t + MONDAY_OFFSET_MS) % WEEK_MS) + WEEK_MS) % WEEK_MS;
const isWeekend = (t: number) => {
  const d = new Date(t).getUTCDay();
  return d === 0 || d === 6;
};

/**
 * The historical average by time of week of every series: the seasonal-mean baseline, and the
 * level the other models forecast departures from. A slot with too few samples falls back to the
 * same time of day on the same kind of day (weekday or weekend), then on any day, then the mean.
 * City time is UTC (one clock, no DST jumps).
 */
export class Profile {
  constructor(
    readonly ids: string[],
    readonly slotMs: number,
    /** Per series, 7 days of slots from Monday 00:00 UTC. */
    readonly slots: Float32Array[],
  ) {}

  get slotsPerWeek(): number {
    return WEEK_MS / this.slotMs;
  }

  static fit(p: Panel, slotMs: number): Profile {
    const perWeek = WEEK_MS / slotMs;
    const perDay = DAY_MS / slotMs;
    const slots = p.values.map((v) => {
      const sumW = new Float64Array(perWeek);
      const nW = new Uint32Array(perWeek);
      // Distinct weeks per slot: a slot seen in one week only is that week's own value, not an
      // average, and would make the training window's departures from it look like noise.
      const weeks = new Uint16Array(perWeek);
      const lastWeek = new Int32Array(perWeek).fill(-1);
      // Slot of day by day type (0 weekday, 1 weekend).
      const sumD = [new Float64Array(perDay), new Float64Array(perDay)];
      const nD = [new Uint32Array(perDay), new Uint32Array(perDay)];
      let all = 0;
      let nAll = 0;
      for (let k = 0; k < p.length; k++) {
        const x = v[k];
        if (Number.isNaN(x)) continue;
        const t = p.start + k * p.stepMs;
        const w = Math.floor(towMs(t) / slotMs);
        sumW[w] += x;
        nW[w]++;
        const week = Math.floor((t + MONDAY_OFFSET_MS) / WEEK_MS);
        if (week !== lastWeek[w]) {
          lastWeek[w] = week;
          weeks[w]++;
        }
        const dt = isWeekend(t) ? 1 : 0;
        sumD[dt][w % perDay] += x;
        nD[dt][w % perDay]++;
        all += x;
        nAll++;
      }
      const mean = nAll ? all / nAll : 0;
      const out = new Float32Array(perWeek);
      for (let w = 0; w < perWeek; w++) {
        if (weeks[w] >= 2) {
          out[w] = sumW[w] / nW[w];
          continue;
        }
        const s = w % perDay;
        // Monday 00:00 + w slots: days 5 and 6 of the week are the weekend.
        const dt = Math.floor(w / perDay) >= 5 ? 1 : 0;
        const near = (types: number[]) => {
          let sum = 0;
          let n = 0;
          for (const d of types)
            for (const j of [s - 1, s, s + 1]) {
              const jj = (j + perDay) % perDay;
              sum += sumD[d][jj];
              n += nD[d][jj];
            }
          return n >= 3 ? sum / n : null;
        };
        out[w] = near([dt]) ?? near([0, 1]) ?? mean;
      }
      return out;
    });
    return new Profile(p.ids, slotMs, slots);
  }

  /** The profile of series `i` at time `t`, interpolated between slot centres. */
  at(i: number, t: number): number {
    const s = this.slots[i];
    const n = s.length;
    const pos = towMs(t) / this.slotMs - 0.5;
    const lo = Math.floor(pos);
    const f = pos - lo;
    return s[(lo + n) % n] * (1 - f) + s[(lo + 1) % n] * f;
  }

  index(): Map<string, number> {
    return new Map(this.ids.map((id, i) => [id, i]));
  }

  toJSON(): { ids: string[]; slotMs: number; slots: string } {
    const flat = new Float32Array(this.ids.length * this.slotsPerWeek);
    this.slots.forEach((s, i) => flat.set(s, i * this.slotsPerWeek));
    return { ids: this.ids, slotMs: this.slotMs, slots: Buffer.from(flat.buffer).toString('base64') };
  }

  static fromJSON(j: { ids: string[]; slotMs: number; slots: string }): Profile {
    const buf = Buffer.from(j.slots, 'base64');
    const flat = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const per = WEEK_MS / j.slotMs;
    return new Profile(j.ids, j.slotMs, j.ids.map((_, i) => flat.slice(i * per, (i + 1) * per)));
  }
}

export { isWeekend, towMs, DAY_MS, WEEK_MS };
