import { afterEach, describe, expect, it } from 'vitest';
import type { Sql } from '../../store/sql';
import { migrate } from '../../store/migrations';
import { openMemoryPglite, openThrowawayPostgres, postgresReachable, TEST_DATABASE_URL } from '../../store/test-stores';
import { insertWeather, latestWeather, type WeatherRow } from './store';

const pgProblem = await postgresReachable();
if (pgProblem && process.env.CI !== 'true') console.log(`skipping Postgres weather store tests: ${TEST_DATABASE_URL} unreachable (${pgProblem})`);
const backends: Array<[string, () => Promise<Sql>, boolean]> = [
  ['PGlite', openMemoryPglite, false],
  ['Postgres', openThrowawayPostgres, Boolean(pgProblem) && process.env.CI !== 'true'],
];

const row = (at: string, temperatureC: number): WeatherRow => ({
  stationId: 'ws-centre',
  pressureHpa: 1012.5,
  source: 'test',
  reading: {
    name: 'Centre',
    location: [9.94, 51.54],
    temperatureC,
    // Values a 4-byte real would give back changed (0.62 → 0.6200000047…).
    relativeHumidity: 0.62,
    windSpeedMs: 3.4,
    windDirectionDeg: 250,
    solarRadiationWm2: 400,
    precipitationMmH: 0,
    cloudCover: 0.5,
    observedAt: at,
  },
});

describe.each(backends)('the weather table on %s', (_name, open, skip) => {
  let sql: Sql | undefined;
  afterEach(async () => {
    await sql?.close();
    sql = undefined;
  });

  it.skipIf(skip)('gives back the newest reading of each station as it was stored', async () => {
    sql = await open();
    await migrate(sql);
    await insertWeather(sql, [row('2026-11-23T12:00:00.000Z', 8), row('2026-11-23T12:01:00.000Z', 8.5)]);
    expect(await latestWeather(sql)).toEqual([row('2026-11-23T12:01:00.000Z', 8.5)]);
  });
});
