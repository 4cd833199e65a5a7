import fc from 'fast-check';

/**
 * Shared generators for the *.fuzz.test.ts files (issue 7, "Bad input"): every external
 * interface gets at least FUZZ_RUNS generated bad inputs. A fixed seed per file keeps CI
 * reproducible; FUZZ_SEED overrides it to explore further.
 */
export const FUZZ_RUNS = 10_000;

export const fuzzParams = (runs = FUZZ_RUNS): fc.Parameters<unknown> => ({
  numRuns: runs,
  seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 7,
  endOnFailure: true,
});

/** Any JSON value, weighted towards the shapes validators trip on (deep, odd numbers, odd keys). */
export const junkJson = (): fc.Arbitrary<unknown> => fc.jsonValue({ maxDepth: 4 });

/** A JSON object whose values are junk, with some keys the interface really uses mixed in. */
export const junkObject = (keys: readonly string[]): fc.Arbitrary<Record<string, unknown>> =>
  fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), junkJson(), { maxKeys: 6 });

/** A valid value with one field replaced by junk: the nearest miss. */
export const withJunkField = <T extends Record<string, unknown>>(valid: T): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(fc.constantFrom(...Object.keys(valid)), fc.oneof(junkJson(), fc.constant(undefined)))
    .map(([key, junk]) => ({ ...valid, [key]: junk }));

/** Bytes that are random, or a real file truncated, or a real file with a few bytes changed. */
export const mutatedBytes = (file: Uint8Array, maxRandom = 512): fc.Arbitrary<Uint8Array> => {
  // A copy as a plain Uint8Array: a Buffer's slice() is a view, and edits would pile up in the original.
  const real = new Uint8Array(file);
  return fc.oneof(
    fc.uint8Array({ maxLength: maxRandom }),
    fc.noBias(fc.nat({ max: Math.max(0, real.length - 1) })).map((n) => real.slice(0, n)),
    fc
      // noBias: fast-check prefers small numbers, which would only ever edit the first bytes.
      .array(fc.tuple(fc.noBias(fc.nat({ max: Math.max(0, real.length - 1) })), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
      .map((edits) => {
        const copy = real.slice();
        for (const [i, b] of edits) copy[i] = b;
        return copy;
      }),
  );
};

/** Run async checks in batches of `size` so a network-bound fuzz keeps one connection busy, not thousands. */
export async function inBatches<T>(items: readonly T[], size: number, check: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(check));
}

/** `count` samples of an arbitrary, reproducibly. */
export const samples = <T>(arb: fc.Arbitrary<T>, count = FUZZ_RUNS): T[] =>
  fc.sample(arb, { numRuns: count, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 7 });
