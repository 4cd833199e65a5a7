import { describe, expect, it } from 'vitest';
import type { Alert } from '@/lib/protocol/alerts';
import { mergeAlerts, orderAlerts } from './alert-cache';

const alert = (over: Partial<Alert>): Alert => ({
  id: '00000000-0000-4000-8000-000000000001',
  key: 'incident:x',
  rule: 'incident',
  severity: 'warning',
  status: 'new',
  title: 'Crash on Mill Street',
  detail: '',
  titleText: null,
  detailText: null,
  place: { kind: 'incident', id: 'x', name: 'Mill Street', location: [9.9, 51.5] },
  value: null,
  observedAt: null,
  raisedAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedBy: null,
  resolvedAt: null,
  ...over,
});

describe('the alerts cache', () => {
  it('keeps an acknowledgement when an older copy of the alert arrives later', () => {
    const acked = alert({ status: 'acknowledged', acknowledgedBy: 'ann@example.org', updatedAt: '2026-11-23T08:01:00.000Z' });
    const book = mergeAlerts(mergeAlerts(undefined, [acked]), [alert({})]);
    expect(Object.values(book)[0].status).toBe('acknowledged');
  });

  it('orders new alerts before acknowledged ones and critical before warnings', () => {
    const book = mergeAlerts(undefined, [
      alert({ id: '00000000-0000-4000-8000-000000000002', status: 'acknowledged', severity: 'critical' }),
      alert({ id: '00000000-0000-4000-8000-000000000003', severity: 'warning' }),
      alert({ id: '00000000-0000-4000-8000-000000000004', severity: 'critical' }),
    ]);
    expect(orderAlerts(book).map((a) => a.id.slice(-1))).toEqual(['4', '3', '2']);
  });
});
