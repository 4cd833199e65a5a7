import { afterEach, describe, expect, it } from 'vitest';
import { rollupCity } from './ml/history-store';
import { migrate } from '../store/migrations';
import { openPglite } from '../store/pglite';
import type { Sql } from '../store/sql';
import { applyRetention, startRetention } from './retention';

const opened: Sql[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const DAY = 86_400_000;
const at = (daysAgo: number, extraMs = 0) => new Date(NOW - daysAgo * DAY + extraMs).toISOString();

async function db(): Promise<Sql> {
  const sql = await openPglite();
  opened.push(sql);
  await migrate(sql);
  await sql.query(`insert into grid_asset (id, kind, body) values ('f1', 'feeder', '{}'), ('b1', 'battery', '{}')`);
  return sql;
}
const weather = (sql: Sql, time: string) =>
  sql.query(
    `insert into weather_obs (station_id, observed_at, name, lon, lat, temperature_c, relative_humidity, wind_speed_ms, wind_direction_deg, solar_wm2, precipitation_mmh)
     values ('w1', $1, 'Met', 8.8, 51.1, 10, 0.5, 3, 180, 0, 0)`,
    [time],
  );
const grid = (sql: Sql, id: string, kind: string, time: string) =>
  sql.query('insert into grid_obs (asset_id, observed_at, kind, load_kw) values ($1, $2, $3, 100)', [id, time, kind]);
const count = async (sql: Sql, table: string) => (await sql.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;

describe('retention of raw observations', () => {
  it('deletes rolled-up raw readings older than the period and keeps newer ones and the rollups', async () => {
    const sql = await db();
    await weather(sql, at(40));
    await weather(sql, at(40, 10_000));
    await weather(sql, at(1));
    await rollupCity(sql, NOW - 41 * DAY, NOW);
    const r = await applyRetention(sql, 30, NOW);
    expect(r.deleted.weather_obs).toBe(2);
    expect(await count(sql, 'weather_obs')).toBe(1);
    expect(await count(sql, 'weather_5min')).toBe(2);
  });

  it('keeps an old raw reading whose 5-minute bucket is not rolled up yet', async () => {
    const sql = await db();
    await weather(sql, at(40));
    const r = await applyRetention(sql, 30, NOW);
    expect(r.deleted.weather_obs).toBe(0);
    expect(r.waiting.weather_obs).toBe(1);
    expect(await count(sql, 'weather_obs')).toBe(1);
  });

  it('deletes old battery readings, which have no rollup, by age alone', async () => {
    const sql = await db();
    await grid(sql, 'b1', 'battery', at(31));
    await grid(sql, 'f1', 'feeder', at(31));
    const r = await applyRetention(sql, 30, NOW);
    expect(r.deleted.grid_obs).toBe(1);
    expect((await sql.query<{ asset_id: string }>('select asset_id from grid_obs'))[0].asset_id).toBe('f1');
  });

  it('follows the configured period', async () => {
    const sql = await db();
    await weather(sql, at(8));
    await rollupCity(sql, NOW - 9 * DAY, NOW);
    expect((await applyRetention(sql, 30, NOW)).deleted.weather_obs).toBe(0);
    expect((await applyRetention(sql, 7, NOW)).deleted.weather_obs).toBe(1);
  });

  it('runs by itself when started, on the model services’ clock', async () => {
    const sql = await db();
    await weather(sql, at(40));
    await rollupCity(sql, NOW - 41 * DAY, NOW);
    const lines: string[] = [];
    const job = startRetention({ db: sql, retentionDays: 30, now: () => NOW, log: (l) => lines.push(l) });
    try {
      const end = Date.now() + 5000;
      while ((await count(sql, 'weather_obs')) > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(await count(sql, 'weather_obs')).toBe(0);
      expect(lines.join('\n')).toMatch(/deleted 1 raw readings/);
    } finally {
      job.close();
    }
  });
});
