import { createFormatter, createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import type { Locale } from '@/lib/i18n/locales';
import { MESSAGES } from '@/lib/i18n/messages';
import { renderText } from '@/lib/i18n/render-text';
import { localeFormat } from '../control-room/locale-format';
import { delayLabel, featureFacts, type FactWords } from './feature-facts';
import { airReading, bus, feederItem, gridNetwork, incident, transitNetwork } from './layer-fixtures';

const wordsIn = (locale: Locale): FactWords => {
  const texts = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'texts', timeZone: 'UTC' });
  return {
    t: createTranslator({ locale, messages: MESSAGES[locale], namespace: 'layers' }),
    fmt: localeFormat(createFormatter({ locale, timeZone: 'UTC' })),
    say: (text, english) => renderText(texts, locale, text, english),
  };
};
const words = wordsIn('en');
const zhWords = wordsIn('zh-CN');
const factsOf = (f: ReturnType<typeof featureFacts>) => Object.fromEntries(f.facts.map((x) => [x.label, x.value]));

describe('feature facts', () => {
  it('give a feeder its load against rating, its substation, and warn of an overload', () => {
    const f = featureFacts(words, { kind: 'feeder', id: 'F1' }, { gridNetwork: gridNetwork(), gridItems: { F1: feederItem(1.25) } });
    expect(f.title).toBe('North 1');
    expect(f.subtitle).toBe('Feeder · from North');
    expect(factsOf(f)).toMatchObject({ Load: '1,250 kW of 1,000 kW', Utilisation: '125 %' });
    expect(f.warning).toBe('Overloaded: 125 % of rating');
  });

  it('say a feeder has no reading yet rather than show made-up values', () => {
    const f = featureFacts(words, { kind: 'feeder', id: 'F2' }, { gridNetwork: gridNetwork(), gridItems: {} });
    expect(factsOf(f)).toEqual({ Rating: '1,000 kW', Reading: 'none yet' });
    expect(f.warning).toBeNull();
  });

  it('tell a charging battery from a discharging one', () => {
    const f = (powerKw: number) =>
      factsOf(
        featureFacts(
          words,
          { kind: 'battery', id: 'B1' },
          { gridNetwork: gridNetwork(), gridItems: { B1: { kind: 'battery', powerKw, stateOfCharge: 0.42, observedAt: '2026-11-22T08:00:00Z' } } },
        ),
      );
    expect(f(-120).Power).toBe('120 kW charging');
    expect(f(80).Power).toBe('80 kW discharging');
    expect(f(80)['State of charge']).toBe('42 %');
  });

  it('give a station its AQI in the words of its standard, and more pollutants in the full panel', () => {
    const src = { stations: { A1: airReading('Ring road', 160, 4) } };
    const short = featureFacts(words, { kind: 'station', id: 'A1' }, src);
    const full = featureFacts(words, { kind: 'station', id: 'A1' }, src, true);
    expect(factsOf(short)['AQI (US EPA)']).toBe('160 · Unhealthy');
    expect(factsOf(short).CO).toBeUndefined();
    expect(factsOf(full).CO).toBe('0.40 mg/m³');
    expect(short.warning).toBe('Unhealthy air');
  });

  it('give a bus its route, timetable delay and next stop by name', () => {
    const f = featureFacts(words, { kind: 'bus', id: 'V1' }, { transitNetwork: transitNetwork(), buses: { V1: bus(90, 420) } });
    expect(f.title).toBe('Bus 1 · Ring');
    expect(factsOf(f)).toMatchObject({ Timetable: '7 min late', 'Next stop': 'on the way to Market Square', Speed: '25 km/h' });
    expect(f.warning).toBe('Running 7 min late');
  });

  it('list the buses heading for a stop', () => {
    const f = featureFacts(words, { kind: 'stop', id: 'ST1' }, { transitNetwork: transitNetwork(), buses: { V1: bus(0), V2: bus(10) } });
    expect(factsOf(f)['Buses on the way']).toBe('2 (1)');
  });

  it('describe an incident by kind, with capacity left and the road it is on', () => {
    const segments = [{ id: 'seg-1', name: 'High St', roadClass: 'primary' as const, lanes: 2, freeFlowKmh: 50, capacityVph: 1800, lengthM: 100, path: [[0, 0], [1, 1]] as [number, number][] }];
    const f = featureFacts(words, { kind: 'incident', id: 'I1' }, { incidents: { I1: incident('crash', 'high') }, segments });
    expect(f.title).toBe('Crash');
    expect(factsOf(f)).toMatchObject({ Road: 'High St', 'Capacity left': '50 %', 'Expected end': 'unknown' });
    expect(f.warning).toBe('High severity');
  });

  it('describe an incident in the reader’s language when the field sent its description as a code', () => {
    const coded = { ...incident('crash', 'high'), descriptionText: { code: 'incident.crash' as const, params: { street: 'High St', passage: 'lanesOpen' as const, open: 1, lanes: 2 } } };
    expect(featureFacts(zhWords, { kind: 'incident', id: 'I1' }, { incidents: { I1: coded } }).subtitle).toBe('High St发生交通事故：2 条车道中 1 条可通行');
    expect(featureFacts(zhWords, { kind: 'incident', id: 'I1' }, { incidents: { I1: incident('crash', 'high') } }).subtitle).toBe(incident('crash', 'high').description);
  });

  it('say when a thing is no longer known, e.g. an incident that ended', () => {
    const f = featureFacts(words, { kind: 'incident', id: 'gone' }, { incidents: {} });
    expect(f.known).toBe(false);
    expect(f.subtitle).toMatch(/no longer active/);
  });

  it('word delays as on time, late or early', () => {
    expect([0, 29, -29, 90, -150].map((d) => delayLabel(words.t, d))).toEqual(['on time', 'on time', 'on time', '2 min late', '3 min early']);
  });

  it('speak Chinese on a Chinese page', () => {
    const f = featureFacts(zhWords, { kind: 'feeder', id: 'F1' }, { gridNetwork: gridNetwork(), gridItems: { F1: feederItem(1.25) } });
    expect(f.warning).toBe('过载：达额定容量的 125 %');
    expect(factsOf(f)).toMatchObject({ 负载率: '125 %' });
  });
});
