import type { Queryable } from '../../store/sql';
import { StationHours } from './station-hours';

const HOUR_MS = 3_600_000;
/** Hours this close to the newest data may still be re-rolled (hourly-rollup.ts): never kept. */
const UNSETTLED_HOURS = 3;
/** Hours kept at most: two months and their baseline weeks, ~4 MB for a city's stations. */
const MAX_HOURS = 100 * 24;

/** [station, pm25, pm10, no2, o3, co, 5-minute rows rolled] of one station in one hour. */
type Row = [string, number, number | null, number, number, number | null, number];

/**
 * The stations' hourly means (kpi_air_hour) as the air report reads them, keeping settled hours in
 * memory: an hour every station reported in full (12 buckets each) and older than the newest
 * hours never changes again, so a month's report re-reads only the newest hours. Whatever process
 * rolled the hour, a complete and settled one is final, so several model-service processes over
 * one Postgres each keep their own copy safely.
 */
export class AirHours {
  private readonly settled = new Map<number, Row[]>();

  /** Each station's hours in [from, to) (hour starts, ms), of one station when `station` is set. */
  async read(db: Queryable, from: number, to: number, station: string | null, newestMs: number | null): Promise<Map<string, StationHours>> {
    const first = Math.floor(from / HOUR_MS) * HOUR_MS;
    const n = Math.max(0, Math.ceil((to - first) / HOUR_MS));
    const wanted = Array.from({ length: n }, (_, i) => first + i * HOUR_MS);
    const missing = wanted.filter((h) => !this.settled.has(h));
    const byHour = new Map<number, Row[]>();
    if (missing.length) {
      const rows = await db.query<{ h: number; s: string }>(
        `select (extract(epoch from hour) * 1000)::float8 as h, json_agg(json_build_array(station_id, pm25, pm10, no2, o3, co, rows))::text as s
         from kpi_air_hour where hour = any($1::timestamptz[]) group by hour`,
        [missing.map((h) => new Date(h).toISOString())],
      );
      const [{ stations } = { stations: 0 }] = await db.query<{ stations: number }>('select count(*)::int as stations from air_station');
      const settledBefore = newestMs === null ? -Infinity : Math.floor(newestMs / HOUR_MS) * HOUR_MS - UNSETTLED_HOURS * HOUR_MS;
      for (const r of rows) {
        const h = Number(r.h);
        const hourRows = JSON.parse(r.s) as Row[];
        byHour.set(h, hourRows);
        const full = stations > 0 && hourRows.length === stations && hourRows.every((x) => x[6] >= 12);
        if (full && h < settledBefore) this.settled.set(h, hourRows);
      }
      this.trim();
    }
    const perStation = new Map<string, (number | null)[][]>();
    for (const h of wanted) {
      for (const [id, pm25, pm10, no2, o3, co] of this.settled.get(h) ?? byHour.get(h) ?? []) {
        if (station !== null && id !== station) continue;
        let list = perStation.get(id);
        if (!list) perStation.set(id, (list = []));
        list.push([h, pm25, pm10, no2, o3, co]);
      }
    }
    return new Map([...perStation].map(([id, rows]) => [id, new StationHours(first, n, rows)]));
  }

  /** Hours held in memory (for tests and metrics). */
  get size(): number {
    return this.settled.size;
  }

  private trim(): void {
    if (this.settled.size <= MAX_HOURS) return;
    const oldest = [...this.settled.keys()].sort((a, b) => a - b).slice(0, this.settled.size - MAX_HOURS);
    for (const h of oldest) this.settled.delete(h);
  }
}
