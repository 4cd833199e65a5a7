import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, configSchema, loadConfig } from './config';
import { fuzzParams, FUZZ_RUNS } from './testing/fuzz';

const keys = Object.keys(configSchema.shape);

/** Values a person might really type, plus junk: numbers out of range, URLs without schemes, control characters. */
const envValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('-1', '0', '65536', '1e309', 'NaN', 'http://', 'postgres://x', 'on', 'true', ' ', '\u0000', 'none', ',,,'),
);
const envMap = fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 })), envValue, { maxKeys: 8 });

describe('loadConfig under generated environments', () => {
  it(`returns a config or throws a ConfigError naming a variable that was set, for ${FUZZ_RUNS} environments`, () => {
    let refused = 0;
    fc.assert(
      fc.property(envMap, (env) => {
        let message: string;
        try {
          loadConfig(env);
          return;
        } catch (err) {
          expect(err).toBeInstanceOf(ConfigError);
          message = (err as Error).message;
        }
        refused++;
        // Defaults are valid, so every complaint is about a variable that was set (and non-empty).
        const named = [...message.matchAll(/^ {2}([A-Z_0-9]+)(?:\[\d+\])?=/gm)].map((m) => m[1]);
        expect(named.length).toBeGreaterThan(0);
        for (const name of named) expect(env[name]).toBeTruthy();
      }),
      fuzzParams(),
    );
    // The generator must really produce bad environments, or the property proves nothing.
    expect(refused).toBeGreaterThan(FUZZ_RUNS / 4);
  });
});
