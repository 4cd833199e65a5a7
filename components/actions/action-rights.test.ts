import { describe, expect, it } from 'vitest';
import { action } from './action-fixtures';
import { rightsOf } from './action-rights';

describe('rightsOf', () => {
  it('lets a manager approve or reject a proposal', () => {
    const r = rightsOf('manager', action({ status: 'proposed', impactLevel: 'high' }));
    expect([r.approve, r.reject]).toEqual([true, true]);
  });

  it('does not let an operator approve or reject', () => {
    const r = rightsOf('operator', action({ status: 'proposed' }));
    expect([r.approve, r.reject]).toEqual([false, false]);
  });

  it('lets an operator execute a low-impact proposal directly', () => {
    expect(rightsOf('operator', action({ status: 'proposed', impactLevel: 'low' })).execute).toBe(true);
  });

  it('does not let an operator execute a high-impact proposal before approval', () => {
    expect(rightsOf('operator', action({ status: 'proposed', impactLevel: 'high' })).execute).toBe(false);
  });

  it('lets a manager execute a high-impact proposal at once, marked as such', () => {
    const r = rightsOf('manager', action({ status: 'proposed', impactLevel: 'high' }));
    expect([r.execute, r.executeAtOnce]).toEqual([true, true]);
  });

  it('lets an operator execute an approved action', () => {
    expect(rightsOf('operator', action({ status: 'approved', impactLevel: 'high' })).execute).toBe(true);
  });

  it('lets a manager reject an approved action before it runs', () => {
    expect(rightsOf('manager', action({ status: 'approved' })).reject).toBe(true);
  });

  it('offers roll back only while an action is active', () => {
    expect(rightsOf('operator', action({ status: 'active' })).rollback).toBe(true);
    expect(rightsOf('operator', action({ status: 'executing' })).rollback).toBe(false);
  });

  it('gives an admin, who manages users, no buttons', () => {
    expect(Object.values(rightsOf('admin', action({ status: 'proposed', impactLevel: 'low' }))).some(Boolean)).toBe(false);
  });

  it('gives no buttons on a finished action', () => {
    for (const status of ['rejected', 'completed', 'rolled-back', 'failed'] as const)
      expect(Object.values(rightsOf('manager', action({ status }))).some(Boolean)).toBe(false);
  });
});
