import { describe, expect, it } from 'vitest';
import { IntentKeys, settles } from './intent-keys';

const counter = () => {
  let n = 0;
  return () => `key-${++n}`;
};

describe('IntentKeys', () => {
  it('gives a retry of the same intent the same key', () => {
    const keys = new IntentKeys(counter());
    expect(keys.keyFor('execute:a')).toBe(keys.keyFor('execute:a'));
  });

  it('gives different intents different keys', () => {
    const keys = new IntentKeys(counter());
    expect(keys.keyFor('execute:a')).not.toBe(keys.keyFor('execute:b'));
  });

  it('gives a new key once the intent is settled', () => {
    const keys = new IntentKeys(counter());
    const first = keys.keyFor('propose:s1');
    keys.settle('propose:s1');
    expect(keys.keyFor('propose:s1')).not.toBe(first);
  });

  it('makes UUIDs by default', () => {
    expect(new IntentKeys().keyFor('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('settles', () => {
  it('keeps the key when the gateway did not answer', () => {
    expect(settles('no-answer')).toBe(false);
  });

  it('keeps the key when the gateway was unavailable', () => {
    expect(settles({ ok: false, error: { code: 'unavailable' } })).toBe(false);
  });

  it('settles on success and on a refusal', () => {
    expect([settles({ ok: true }), settles({ ok: false, error: { code: 'conflict' } })]).toEqual([true, true]);
  });
});
