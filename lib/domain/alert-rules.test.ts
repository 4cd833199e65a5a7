import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl/core';
import { MESSAGES } from '../i18n/messages';
import { renderText } from '../i18n/render-text';
import { alertConditionSchema } from '../protocol/alerts';
import type { GridItem } from '../protocol/grid';
import type { Vehicle } from '../protocol/transit';
import { airQuality, busBunching, defaultThresholds, evaluateRules, feederOverload, forecastCongestion, forecastOverload, incidentAlerts, speedCollapse, type RuleInput, type SegmentInfo } from './alert-rules';

const at = '2026-11-23T08:00:00.000Z';
const segments = new Map<string, SegmentInfo>([
  ['s1', { name: 'Mill Street', roadClass: 'primary', freeFlowKmh: 50, path: [[9.9, 51.5], [9.91, 51.5]] }],
  ['s2', { name: 'Mill Street', roadClass: 'primary', freeFlowKmh: 50, path: [[9.91, 51.5], [9.92, 51.5]] }],
  ['s3', { name: 'Elm Lane', roadClass: 'residential', freeFlowKmh: 30, path: [[9.9, 51.6], [9.91, 51.6]] }],
]);
const reading = (speedKmh: number) => ({ speedKmh, flowVph: 500, occupancy: 0.2, observedAt: at });
const feeder = (loadKw: number, capacityKw = 1000): GridItem => ({ kind: 'feeder', loadKw, capacityKw, utilisation: loadKw / capacityKw, solarKw: 0, evKw: 0, observedAt: at });
const bus = (over: Partial<Vehicle>): Vehicle => ({ routeId: 'r1', tripId: 't1', location: [9.9, 51.5], bearing: 0, delayS: 0, nextStopId: 'stop1', status: 'IN_TRANSIT_TO', observedAt: at, ...over });
const assets = new Map([['f1', { name: 'Feeder North', location: [9.9, 51.5] as [number, number], capacityKw: 1000 }]]);
const mapForecast = (items: Record<string, number>, horizonMinutes = 60) => ({
  target: 'traffic-speed' as const,
  madeAt: at,
  horizonMinutes,
  t: at,
  model: null,
  items: Object.fromEntries(Object.entries(items).map(([k, p50]) => [k, { p10: p50, p50, p90: p50 }])),
});

describe('the speed-collapse rule', () => {
  it('flags a segment under a tenth of its free-flow speed, naming its street', () => {
    const [c] = speedCollapse({ traffic: { s1: reading(4) }, segments }, defaultThresholds);
    expect(c).toMatchObject({ key: 'speed-collapse:s1', severity: 'warning', title: 'Speed collapse on Mill Street', place: { kind: 'segment', id: 's1' } });
  });

  it('leaves a slow but moving segment alone', () => {
    expect(speedCollapse({ traffic: { s1: reading(6) }, segments }, defaultThresholds)).toEqual([]);
  });

  it('is critical when traffic has all but stopped', () => {
    expect(speedCollapse({ traffic: { s1: reading(1) }, segments }, defaultThresholds)[0].severity).toBe('critical');
  });
});

describe('the feeder rule', () => {
  it('warns over 90 % of capacity and is critical over 100 %', () => {
    expect(feederOverload({ grid: { f1: feeder(950) }, assets }, defaultThresholds)[0].severity).toBe('warning');
    expect(feederOverload({ grid: { f1: feeder(1100) }, assets }, defaultThresholds)[0].severity).toBe('critical');
  });

  it('is silent at 90 % exactly', () => {
    expect(feederOverload({ grid: { f1: feeder(900) }, assets }, defaultThresholds)).toEqual([]);
  });

  it('follows a configured threshold', () => {
    expect(feederOverload({ grid: { f1: feeder(850) }, assets }, { ...defaultThresholds, feederUtilisation: 0.8 })).toHaveLength(1);
  });
});

describe('the air-quality rule', () => {
  const station = (aqi: number, aqiLevel: number) => ({ name: 'Town Hall', location: [9.9, 51.5] as [number, number], pm25: 0, pm10: 0, no2: 0, o3: 0, co: 0, aqi, aqiLevel, aqiStandard: 'us-epa' as const, dominant: 'pm25' as const, observedAt: at });

  it('flags a station at the unhealthy category with its name', () => {
    expect(airQuality({ air: { a1: station(160, 4) } }, defaultThresholds)[0].title).toBe('Air quality unhealthy at Town Hall');
  });

  it('leaves a station below the category alone', () => {
    expect(airQuality({ air: { a1: station(120, 3) } }, defaultThresholds)).toEqual([]);
  });
});

describe('the bus-bunching rule', () => {
  const routes = new Map([['r1', '7']]);

  it('flags two buses of a route heading for the same stop 100 m apart', () => {
    const [c] = busBunching({ transit: { b: bus({ location: [9.9, 51.5009] }), a: bus({}) }, routes }, defaultThresholds);
    expect(c).toMatchObject({ key: 'bus-bunching:r1:a+b', title: 'Buses bunched on route 7' });
  });

  it('leaves buses a kilometre apart alone', () => {
    expect(busBunching({ transit: { a: bus({}), b: bus({ location: [9.9, 51.509] }) }, routes }, defaultThresholds)).toEqual([]);
  });

  it('leaves two buses standing at a terminus alone', () => {
    expect(busBunching({ transit: { a: bus({ status: 'STOPPED_AT' }), b: bus({ status: 'STOPPED_AT' }) }, routes }, defaultThresholds)).toEqual([]);
  });
});

describe('the incident rule', () => {
  const incident = (severity: 'low' | 'medium' | 'high') => ({ kind: 'crash' as const, severity, segmentId: 's1', location: [9.9, 51.5] as [number, number], description: 'Crash on Mill Street: road closed', capacityFactor: 0, startedAt: at, endsAt: null });

  it('raises a high-severity incident as critical, placed at the incident', () => {
    expect(incidentAlerts({ incidents: { i1: incident('high') }, segments }, defaultThresholds)[0]).toMatchObject({ severity: 'critical', place: { kind: 'incident', id: 'i1', name: 'Mill Street' } });
  });

  it('ignores incidents below the configured severity', () => {
    expect(incidentAlerts({ incidents: { i1: incident('low') }, segments }, defaultThresholds)).toEqual([]);
  });
});

describe('the forecast rules', () => {
  it('predicts congestion once per street, not per segment', () => {
    const out = forecastCongestion({ traffic: { s1: reading(45), s2: reading(45) }, segments, trafficForecasts: [mapForecast({ s1: 8, s2: 10 })] }, defaultThresholds);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ key: 'forecast-congestion:Mill Street', place: { id: 's1' } });
  });

  it('does not predict what is already happening', () => {
    expect(forecastCongestion({ traffic: { s1: reading(5) }, segments, trafficForecasts: [mapForecast({ s1: 5 })] }, defaultThresholds)).toEqual([]);
  });

  it('ignores local streets', () => {
    expect(forecastCongestion({ traffic: { s3: reading(30) }, segments, trafficForecasts: [mapForecast({ s3: 2 })] }, defaultThresholds)).toEqual([]);
  });

  it('predicts a feeder overload from its load forecast', () => {
    const out = forecastOverload({ grid: { f1: feeder(700) }, assets, gridForecasts: [{ ...mapForecast({ f1: 1200 }, 30), target: 'grid-load' }] }, defaultThresholds);
    expect(out[0]).toMatchObject({ key: 'forecast-overload:f1', title: 'Overload predicted on feeder Feeder North' });
  });
});

describe('the incident rule', () => {
  const crash = { kind: 'crash' as const, severity: 'high' as const, segmentId: 's1', location: [9.9, 51.5] as [number, number], description: 'Crash on Mill Street: road closed', capacityFactor: 0, startedAt: at, endsAt: null };

  it('titles the alert with the code of the description the field sent', () => {
    const descriptionText = { code: 'incident.crash' as const, params: { street: 'Mill Street', passage: 'closed' as const, open: 0, lanes: 2 } };
    expect(incidentAlerts({ incidents: { i1: { ...crash, descriptionText } }, segments }, defaultThresholds)[0].titleText).toEqual(descriptionText);
  });

  it('titles the alert with kind and street when the field sent no code', () => {
    expect(incidentAlerts({ incidents: { i1: crash }, segments }, defaultThresholds)[0].titleText).toEqual({ code: 'alert.incident.title', params: { kind: 'crash', street: 'Mill Street' } });
  });
});

describe('all the rules together', () => {
  const busy: RuleInput = {
    traffic: { s1: reading(45), s2: reading(2) },
    grid: { f1: feeder(1100) },
    air: { a1: { name: 'Town Hall', location: [9.9, 51.5], pm25: 0, pm10: 0, no2: 0, o3: 0, co: 0, aqi: 160, aqiLevel: 4, aqiStandard: 'cn-hj633', dominant: 'no2', observedAt: at } },
    transit: { a: bus({}), b: bus({ location: [9.9, 51.5009] }) },
    incidents: { i1: { kind: 'roadworks', severity: 'medium', segmentId: 's3', location: [9.9, 51.6], description: 'Roadworks on Elm Lane', capacityFactor: 0.5, startedAt: at, endsAt: '2026-11-23T12:00:00.000Z' } },
    segments,
    assets,
    routes: new Map([['r1', '7']]),
    trafficForecasts: [mapForecast({ s1: 8 })],
    gridForecasts: [],
  };

  it('give every alert a valid title and detail code', () => {
    const conditions = evaluateRules(busy, defaultThresholds);
    expect(new Set(conditions.map((c) => c.rule)).size).toBe(6);
    for (const c of conditions) expect(alertConditionSchema.parse(c)).toEqual(c);
  });

  it('can be written in Chinese, naming places as they are in the data', () => {
    const t = createTranslator({ locale: 'zh-CN', messages: MESSAGES['zh-CN'], namespace: 'texts', timeZone: 'UTC' });
    const titles = evaluateRules(busy, defaultThresholds).map((c) => renderText(t, 'zh-CN', c.titleText, c.title));
    expect(titles).toEqual(expect.arrayContaining(['Elm Lane道路施工', 'Mill Street车速骤降', '馈线Feeder North过载', 'Town Hall空气质量中度污染', '7路公交串车', '预测Mill Street将拥堵']));
  });

  it('find nothing in a calm city', () => {
    const input: RuleInput = { traffic: { s1: reading(48) }, grid: { f1: feeder(500) }, air: {}, transit: {}, incidents: {}, segments, assets, routes: new Map(), trafficForecasts: [], gridForecasts: [] };
    expect(evaluateRules(input, defaultThresholds)).toEqual([]);
  });
});
