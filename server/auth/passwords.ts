import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

/**
 * Argon2id (RFC 9106) through hash-wasm (WebAssembly, no native addon), with OWASP's minimum
 * parameters: 19 MiB of memory, 2 iterations, 1 lane. The encoded form carries its own salt and
 * parameters, so they can be raised later without invalidating stored hashes.
 */
export const ARGON2_PARAMS = { memorySize: 19_456, iterations: 2, parallelism: 1, hashLength: 32 } as const;

export async function hashPassword(password: string): Promise<string> {
  return argon2id({ password, salt: randomBytes(16), ...ARGON2_PARAMS, outputType: 'encoded' });
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash: encoded });
  } catch {
    // A malformed stored hash never signs anyone in.
    return false;
  }
}

/** Verifying against this costs the same as a real check, so unknown emails take as long as known ones. */
let decoy: Promise<string> | null = null;
export const decoyHash = () => (decoy ??= hashPassword(randomBytes(16).toString('hex')));
