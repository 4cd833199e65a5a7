import { describe, expect, it } from 'vitest';
import { detailLine } from './AuditLog';

describe('detailLine', () => {
  it('shows strings as they are and other values as JSON', () => {
    expect(detailLine({ from: 'proposed', to: 'approved', observed: 3, plan: { kind: 'x' } })).toBe('from: proposed · to: approved · observed: 3 · plan: {"kind":"x"}');
  });
});
