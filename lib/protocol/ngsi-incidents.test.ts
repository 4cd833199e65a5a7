import { describe, expect, it } from 'vitest';
import { issuesOf } from '../validation';
import { alertEntitySchema, DEFAULT_CAPACITY_FACTOR, incidentKindOf, incidentOfAlert, kindOfSubCategory, subCategoryOfKind } from './ngsi-incidents';

const alert = (over: Record<string, unknown> = {}) => ({
  id: 'urn:ngsi-ld:Alert:rw-1',
  type: 'Alert',
  category: 'traffic',
  subCategory: 'roadWorks',
  alertSource: 'city-works',
  dateIssued: '2026-11-23T07:00:00Z',
  validFrom: '2026-11-23T09:00:00Z',
  validTo: '2026-11-23T12:00:00Z',
  refRoadSegment: 'urn:ngsi-ld:RoadSegment:s00001',
  ...over,
});

describe('Alert entities as road incidents', () => {
  it('reads back every incident kind from the subCategory it is sent as', () => {
    for (const [kind, sub] of Object.entries(subCategoryOfKind)) expect(kindOfSubCategory[sub]).toBe(kind);
  });

  it('is not an incident when the category is not traffic, or the subCategory not one the map shows', () => {
    expect(incidentKindOf(alertEntitySchema.parse(alert({ category: 'weather' })))).toBeNull();
    expect(incidentKindOf(alertEntitySchema.parse(alert({ subCategory: 'trafficJam' })))).toBeNull();
  });

  it('refuses an Alert that ends before it starts, naming validFrom', () => {
    const r = alertEntitySchema.safeParse(alert({ validTo: '2026-11-23T08:00:00Z' }));
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error)[0].path).toBe('validFrom');
  });

  it('refuses an Alert without the source the data model requires', () => {
    const r = alertEntitySchema.safeParse(alert({ alertSource: undefined }));
    expect(r.success).toBe(false);
    if (!r.success) expect(issuesOf(r.error)[0].path).toBe('alertSource');
  });

  it('fills what a sparse real feed leaves out: location, capacity, severity, description', () => {
    const item = incidentOfAlert(alertEntitySchema.parse(alert()), 'roadworks', 's00001', [8.8, 51.1]);
    expect(item).toEqual({
      kind: 'roadworks',
      severity: 'medium',
      segmentId: 's00001',
      location: [8.8, 51.1],
      description: 'roadworks',
      capacityFactor: DEFAULT_CAPACITY_FACTOR.roadworks,
      startedAt: '2026-11-23T09:00:00.000Z',
      endsAt: '2026-11-23T12:00:00.000Z',
    });
  });

  it('folds the data model’s five severities into three', () => {
    const severity = (s: string) => incidentOfAlert(alertEntitySchema.parse(alert({ severity: s })), 'crash', 's1', [0, 0]).severity;
    expect(['informational', 'low', 'medium', 'high', 'critical'].map(severity)).toEqual(['low', 'low', 'medium', 'high', 'high']);
  });
});
