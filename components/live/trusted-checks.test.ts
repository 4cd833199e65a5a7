import { describe, expect, it } from 'vitest';
import { trustedChecks } from './trusted-checks';

describe('the public page’s trusted checks', () => {
  it('take a delta with the fields the sync relies on as it is', () => {
    const delta = { layer: 'transit', baseVersion: 1, version: 2, asOf: null, upsert: {}, remove: [] };
    expect(trustedChecks.delta(delta)).toEqual({ ok: true, value: delta });
  });

  it('refuse a payload that is not an object, naming why', () => {
    expect(trustedChecks.snapshot('garbage')).toEqual({ ok: false, why: '(root): expected an object' });
  });

  it('refuse a delta missing the version it applies to', () => {
    expect(trustedChecks.delta({ layer: 'transit', version: 2, upsert: {}, remove: [] })).toEqual({ ok: false, why: 'baseVersion: missing' });
  });
});
