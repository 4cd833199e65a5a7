import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import { layerSummary } from './layer-summary';

const t = createTranslator({ locale: 'en', messages: MESSAGES.en, namespace: 'layers' });
const zh = createTranslator({ locale: 'zh-CN', messages: MESSAGES['zh-CN'], namespace: 'layers' });
const at = '2026-11-22T08:00:00Z';

describe('layer summaries', () => {
  it('are null for an empty layer, so the panel can say there is no data yet', () => {
    expect(layerSummary(t, 'grid', {})).toBeNull();
  });

  it('count substations, feeders and overloads on the grid', () => {
    const feeder = (utilisation: number) => ({ kind: 'feeder' as const, loadKw: 100, capacityKw: 100, utilisation, solarKw: 0, evKw: 0, observedAt: at });
    const items = {
      f1: feeder(0.5),
      f2: feeder(1.2),
      s1: { kind: 'substation' as const, loadKw: 200, capacityKw: 400, utilisation: 0.5, observedAt: at },
      b1: { kind: 'battery' as const, powerKw: 10, stateOfCharge: 0.5, observedAt: at },
    };
    expect(layerSummary(t, 'grid', items)).toBe('1 substations · 2 feeders · 1 overloaded');
  });

  it('name the worst air-quality station and its level', () => {
    const station = (name: string, aqi: number, aqiLevel: number) => ({
      name,
      location: [0, 0] as [number, number],
      pm25: 1,
      pm10: 1,
      no2: 1,
      o3: 1,
      co: 0.1,
      aqi,
      aqiLevel,
      aqiStandard: 'us-epa' as const,
      dominant: 'no2' as const,
      observedAt: at,
    });
    expect(layerSummary(t, 'air', { a: station('Park', 30, 1), b: station('Ring road', 160, 4) })).toBe('2 stations · worst AQI 160 (Unhealthy) at Ring road');
  });

  it('count buses more than five minutes late', () => {
    const bus = (delayS: number) => ({ routeId: 'r', tripId: 't', location: [0, 0] as [number, number], bearing: 0, delayS, nextStopId: null, status: 'IN_TRANSIT_TO' as const, observedAt: at });
    expect(layerSummary(t, 'transit', { a: bus(0), b: bus(299), c: bus(300) })).toBe('3 buses · 1 over 5 min late');
  });

  it('count active and high-severity incidents', () => {
    const inc = (severity: 'low' | 'high') => ({ kind: 'crash' as const, severity, segmentId: 's', location: [0, 0] as [number, number], description: '', capacityFactor: 0.5, startedAt: at, endsAt: null });
    expect(layerSummary(t, 'incidents', { a: inc('low'), b: inc('high') })).toBe('2 active · 1 high severity');
  });

  it('say the same in Chinese when the page is in Chinese', () => {
    const inc = { kind: 'crash' as const, severity: 'high' as const, segmentId: 's', location: [0, 0] as [number, number], description: '', capacityFactor: 0.5, startedAt: at, endsAt: null };
    expect(layerSummary(zh, 'incidents', { a: inc })).toBe('1 起进行中 · 1 起严重');
  });
});
