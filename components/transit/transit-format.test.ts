import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import { alertEffect } from './alert-effect';
import { formatCountdown, formatDelay } from './countdown';
import { fitProjection } from './projection';
import { searchTransit } from './search';

const t = createTranslator({ locale: 'en', messages: MESSAGES.en, namespace: 'transit' });
const zh = createTranslator({ locale: 'zh-CN', messages: MESSAGES['zh-CN'], namespace: 'transit' });

describe('the countdown', () => {
  it('says Due in the last half minute', () => expect(formatCountdown(t, 29_000)).toBe('Due'));
  it('shows minutes and seconds under ten minutes, so it visibly counts down', () => expect(formatCountdown(t, 185_000)).toBe('3 min 05 s'));
  it('shows whole minutes beyond ten minutes', () => expect(formatCountdown(t, 25 * 60_000)).toBe('25 min'));
  it('counts down in Chinese', () => expect(formatCountdown(zh, 185_000)).toBe('3 分 05 秒'));
});

describe('the delay wording', () => {
  it('calls a bus within half a minute on time', () => expect(formatDelay(t, -20)).toBe('on time'));
  it('says how many minutes late', () => expect(formatDelay(t, 200)).toBe('3 min late'));
  it('says how many minutes early', () => expect(formatDelay(t, -130)).toBe('2 min early'));
  it('says scheduled without real-time data', () => expect(formatDelay(t, null)).toBe('scheduled'));
  it('says how many minutes late in Chinese', () => expect(formatDelay(zh, 200)).toBe('晚点 3 分钟'));
});

describe('the route map projection', () => {
  it('keeps every point inside the box with north up', () => {
    const p = fitProjection([
      [9.9, 51.5],
      [9.92, 51.52],
    ]);
    const [x0, y0] = p.project([9.9, 51.5]);
    const [x1, y1] = p.project([9.92, 51.52]);
    expect(x0).toBe(20);
    expect(x1).toBe(980);
    expect(y1).toBeLessThan(y0);
    expect(y0).toBeLessThanOrEqual(p.height);
  });
});

describe('stop and route search', () => {
  const stops = [
    { id: 'S1', name: 'Mill Street', location: [9.9, 51.5] as [number, number] },
    { id: 'S2', name: 'Old Mill Lane', location: [9.9, 51.5] as [number, number] },
    { id: 'S3', name: 'Église Saint-Pierre', location: [9.9, 51.5] as [number, number] },
  ];
  const routes = [{ id: 'R1', shortName: '12', longName: 'Mill Street – Church Road', color: 'D62728', textColor: 'FFFFFF' }];

  it('finds stops whose name starts with the query first', () => {
    expect(searchTransit('mill', stops, []).stops.map((s) => s.id)).toEqual(['S1', 'S2']);
  });
  it('ignores accents and case', () => {
    expect(searchTransit('eglise', stops, []).stops.map((s) => s.id)).toEqual(['S3']);
  });
  it('finds a route by its number', () => {
    expect(searchTransit('12', [], routes).routes.map((r) => r.id)).toEqual(['R1']);
  });
  it('matches nothing for an empty query', () => {
    expect(searchTransit('  ', stops, routes)).toEqual({ stops: [], routes: [] });
  });
});

describe('an alert without a header', () => {
  it('names a standard GTFS-Realtime effect in the reader\'s language', () => expect(alertEffect(zh, 'DETOUR')).toBe('绕行'));
  it('makes an unknown effect readable', () => expect(alertEffect(t, 'BUS_BUNCHING')).toBe('bus bunching'));
});
