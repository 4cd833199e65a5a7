import { describe, expect, it } from 'vitest';
import type { RoadSegment } from '@/lib/domain/road';
import { createTranslator } from 'use-intl/core';
import { MESSAGES } from '@/lib/i18n/messages';
import type { Locale } from '@/lib/i18n/locales';
import { buildSearchIndex, searchEntries, type SearchWords } from './search-index';

const seg = (id: string, name: string, lengthM: number, path: RoadSegment['path']): RoadSegment => ({
  id,
  name,
  roadClass: 'primary',
  lanes: 2,
  freeFlowKmh: 50,
  capacityVph: 1800,
  lengthM,
  path,
});

const wordsIn = (locale: Locale): SearchWords => {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'search' });
  return { bus: (id, route) => t('busLabel', { id, route }) };
};
const words = wordsIn('en');

describe('the search index', () => {
  it('lists a street once, framing all its segments and selecting its longest', () => {
    const index = buildSearchIndex({
      segments: [seg('a', 'Mill Street', 100, [[9.9, 51.5], [9.91, 51.5]]), seg('b', 'Mill Street', 300, [[9.91, 51.5], [9.93, 51.51]])],
    }, words);
    expect(index).toHaveLength(1);
    expect(index[0].feature).toEqual({ kind: 'segment', id: 'b' });
    expect(index[0].bounds).toEqual([9.9, 51.5, 9.93, 51.51]);
  });

  it('finds stops and buses by name, with the route of each bus', () => {
    const index = buildSearchIndex({
      transit: { agency: 'x', routes: [{ id: 'r1', shortName: '7', longName: 'Seven', color: '000000', textColor: 'ffffff' }], shapes: [], stops: [{ id: 'st1', name: 'Market Square', location: [9.9, 51.5] }] },
      buses: { v9: { routeId: 'r1', tripId: 't', location: [9.9, 51.5], bearing: 0, delayS: 0, nextStopId: null, status: 'IN_TRANSIT_TO', observedAt: '2026-11-23T08:00:00Z' } },
    }, words);
    expect(searchEntries(index, 'market')[0].feature).toEqual({ kind: 'stop', id: 'st1' });
    expect(searchEntries(index, 'route 7')[0].label).toBe('Bus v9 · route 7');
  });

  it('names a bus in the page language, so a Chinese reader finds it by route', () => {
    const index = buildSearchIndex(
      {
        transit: { agency: 'x', routes: [{ id: 'r1', shortName: '7', longName: 'Seven', color: '000000', textColor: 'ffffff' }], shapes: [], stops: [] },
        buses: { v9: { routeId: 'r1', tripId: 't', location: [9.9, 51.5], bearing: 0, delayS: 0, nextStopId: null, status: 'IN_TRANSIT_TO', observedAt: '2026-11-23T08:00:00Z' } },
      },
      wordsIn('zh-CN'),
    );
    expect(searchEntries(index, '7路')[0].label).toBe('公交车 v9 · 7路');
  });

  it('ranks a label starting with the query above one containing it', () => {
    const index = buildSearchIndex({ segments: [seg('a', 'Old Park Road', 100, [[0, 0], [0, 1]]), seg('b', 'Park Road', 100, [[0, 0], [0, 1]])] }, words);
    expect(searchEntries(index, 'park').map((e) => e.label)).toEqual(['Park Road', 'Old Park Road']);
  });

  it('needs every word of the query to match', () => {
    const index = buildSearchIndex({ segments: [seg('a', 'Park Road', 100, [[0, 0], [0, 1]])] }, words);
    expect(searchEntries(index, 'park lane')).toEqual([]);
  });

  it('finds nothing for an empty query', () => {
    const index = buildSearchIndex({ segments: [seg('a', 'Park Road', 100, [[0, 0], [0, 1]])] }, words);
    expect(searchEntries(index, '  ')).toEqual([]);
  });
});
