import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/messages';
import { congestionBands } from '../domain/congestion';
import { aqiLevelStyles } from './aqi-palette';
import { utilisationBands } from './grid-colours';
import { airLegend, gridLegend, incidentLegend, trafficLegend, transitLegend } from './legends';

const t = createTranslator({ locale: 'en', messages: MESSAGES.en, namespace: 'layers' });
const zh = createTranslator({ locale: 'zh-CN', messages: MESSAGES['zh-CN'], namespace: 'layers' });
const labels = (groups: ReturnType<typeof trafficLegend>) => groups.flatMap((g) => g.entries.map((e) => e.label));

describe('legends', () => {
  it('list every congestion band and no data for traffic', () => {
    expect(labels(trafficLegend(t))).toHaveLength(congestionBands.length + 1);
    expect(labels(trafficLegend(t)).at(-1)).toBe('No data');
  });

  it('draw traffic swatches in the colours the map uses', () => {
    const marks = trafficLegend(t)[0].entries.map((e) => e.mark);
    congestionBands.forEach((b, i) => expect(marks[i]).toEqual({ kind: 'line', rgb: b.rgb }));
  });

  it('mark the grid overload dashed, as on the map', () => {
    const overload = gridLegend(t)[0].entries.find((e) => e.label.startsWith('Overloaded'));
    expect(overload?.mark).toEqual({ kind: 'line', rgb: utilisationBands[0].rgb, dashed: true });
  });

  it('explain substation size and battery sites', () => {
    expect(labels(gridLegend(t)).join(' ')).toMatch(/substation, sized by load/i);
    expect(labels(gridLegend(t)).join(' ')).toMatch(/battery/i);
  });

  it('name AQI levels in the standard in force, with their index ranges', () => {
    expect(labels(airLegend(t, 'us-epa'))[0]).toBe('Good (0–50)');
    expect(labels(airLegend(t, 'cn-hj633'))[5]).toBe('Severely polluted (严重污染) (301+)');
    expect(airLegend(t, 'cn-hj633')[0].title).toMatch(/HJ 633/);
    expect(airLegend(t, 'us-epa')[0].entries.map((e) => e.mark)).toEqual(aqiLevelStyles.map((s) => ({ kind: 'circle', rgb: s.rgb })));
  });

  it('explain the air surface is an estimate between stations', () => {
    expect(airLegend(t, 'us-epa')[1].entries[0].label).toMatch(/estimated between stations/i);
  });

  it('show buses with a direction arrow and stops', () => {
    expect(labels(transitLegend(t)).join(' ')).toMatch(/direction of travel/);
    expect(labels(transitLegend(t))).toContain('Stop');
  });

  it('show one icon per incident kind', () => {
    expect(incidentLegend(t)[0].entries.map((e) => e.mark)).toEqual(['crash', 'breakdown', 'roadworks', 'event'].map((icon) => ({ kind: 'icon', icon })));
  });

  it('name AQI levels in Chinese when the page is in Chinese', () => {
    expect(labels(airLegend(zh, 'cn-hj633'))[0]).toBe('优（0–50）');
  });
});
