import { describe, expect, it } from 'vitest';
import { action } from './action-fixtures';
import { groupActions, mergeActions } from './action-cache';

const A = '0b6a3c1e-5a3f-4d7e-9c59-0d2f3a4b5c6d';
const B = '1c7b4d2f-6b4a-4e8f-8d6a-1e3a4b5c6d7e';

describe('mergeActions', () => {
  it('adds actions it has not heard of', () => {
    const book = mergeActions(undefined, [action({ id: A }), action({ id: B })]);
    expect(Object.keys(book).sort()).toEqual([A, B]);
  });

  it('keeps the newer version when an older one arrives later', () => {
    const approved = action({ status: 'approved', updatedAt: '2026-11-22T08:05:00Z' });
    const book = mergeActions(mergeActions(undefined, [approved]), [action({ status: 'proposed' })]);
    expect(book[A].status).toBe('approved');
  });

  it('takes the version with more observed points when both have the same time', () => {
    const at = '2026-11-22T08:05:00Z';
    const more = action({ status: 'active', updatedAt: at, observed: [{ minute: 1, observed: 30, at }] });
    const book = mergeActions(mergeActions(undefined, [action({ status: 'active', updatedAt: at })]), [more]);
    expect(book[A].observed).toHaveLength(1);
  });

  it('returns the same book when nothing is newer, so nothing re-renders', () => {
    const book = mergeActions(undefined, [action()]);
    expect(mergeActions(book, [action()])).toBe(book);
  });
});

describe('groupActions', () => {
  it('puts proposals, running and finished actions in their own lists', () => {
    const g = groupActions(
      mergeActions(undefined, [
        action({ id: A, status: 'approved' }),
        action({ id: B, status: 'active', executedAt: '2026-11-22T08:10:00Z' }),
        action({ id: '2d8c5e3a-7c5b-4f9a-9e7b-2f4b5c6d7e8f', status: 'rolled-back' }),
      ]),
    );
    expect([g.proposals.map((a) => a.id), g.running.map((a) => a.id), g.history.map((a) => a.status)]).toEqual([[A], [B], ['rolled-back']]);
  });

  it('lists the newest proposal first', () => {
    const g = groupActions(
      mergeActions(undefined, [action({ id: A, proposedAt: '2026-11-22T08:00:00Z' }), action({ id: B, proposedAt: '2026-11-22T09:00:00Z' })]),
    );
    expect(g.proposals.map((a) => a.id)).toEqual([B, A]);
  });
});
