import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImportedCity } from './build-city';
import { cityPaths, loadImportedCity, saveImportedCity } from './city-file';
import { readRoadsGeoJson } from './geojson';
import { ImportError } from './problems';
import { town } from './test-town';

const tempDir = () => mkdtempSync(join(tmpdir(), 'polis-city-'));
const townFile = () => buildImportedCity(readRoadsGeoJson(town(), 'town.geojson'), { name: 'Town', source: { roads: 'town.geojson' } });

describe('the imported city in DATA_DIR', () => {
  it('is absent until a city is imported', () => {
    expect(loadImportedCity(tempDir(), 1)).toBeNull();
  });

  it('loads back as the city that was saved, with its feed', async () => {
    const dir = tempDir();
    const file = townFile();
    await saveImportedCity(dir, file, new Uint8Array([1, 2, 3]));
    const loaded = loadImportedCity(dir, 5);
    expect(loaded?.file).toEqual(file);
    expect(loaded?.city.segments.map((s) => s.id)).toEqual(file.segments.map((s) => s.id));
    expect(loaded?.city.seed).toBe(5);
    expect(loaded?.gtfsPath).toBe(cityPaths(dir).gtfs);
  });

  it('drops an earlier import’s feed when a city is imported without one', async () => {
    const dir = tempDir();
    await saveImportedCity(dir, townFile(), new Uint8Array([1, 2, 3]));
    await saveImportedCity(dir, townFile());
    expect(existsSync(cityPaths(dir).gtfs)).toBe(false);
    expect(loadImportedCity(dir, 1)?.gtfsPath).toBeNull();
  });

  it('refuses a damaged file, naming the bad field, rather than running another city', async () => {
    const dir = tempDir();
    await saveImportedCity(dir, townFile());
    const path = cityPaths(dir).city;
    const json = JSON.parse(readFileSync(path, 'utf8'));
    json.segments[0].to = 99_999;
    writeFileSync(path, JSON.stringify(json));
    expect(() => loadImportedCity(dir, 1)).toThrow(ImportError);
    expect(() => loadImportedCity(dir, 1)).toThrow(/segments\[0\]\.to: node 99999 does not exist/);
  });

  it('refuses a truncated file', async () => {
    const dir = tempDir();
    await saveImportedCity(dir, townFile());
    const path = cityPaths(dir).city;
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 100));
    expect(() => loadImportedCity(dir, 1)).toThrow(/city.json is not valid JSON/);
  });
});
