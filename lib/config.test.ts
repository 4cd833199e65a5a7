import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, modelsUrl } from './config';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, MODELS_PORT: 4010, TWIN_SEED: 42, TWIN_SPEED: 1, TWIN_SIZE: 2000, REALTIME_POLL_MS: 2000 });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('reads numbers from strings', () => {
    expect(loadConfig({ TWIN_SPEED: '60', PORT: '8080' })).toMatchObject({ TWIN_SPEED: 60, PORT: 8080 });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('rejects a bad value with a message naming the variable and its value', () => {
    expect(() => loadConfig({ TWIN_SPEED: 'fast' })).toThrow(ConfigError);
    expect(() => loadConfig({ TWIN_SPEED: 'fast' })).toThrow(/TWIN_SPEED="fast"/);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT/);
      expect((err as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it('derives the model services URL from their port unless MODELS_URL is set', () => {
    expect(modelsUrl(loadConfig({ MODELS_PORT: '5000' }))).toBe('http://127.0.0.1:5000');
    expect(modelsUrl(loadConfig({ MODELS_URL: 'http://models.internal:80' }))).toBe('http://models.internal:80');
  });
});
