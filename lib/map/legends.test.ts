import { describe, expect, it } from 'vitest';
import { congestionBands } from '../domain/congestion';
import { aqiLevelStyles } from './aqi-palette';
import { utilisationBands } from './grid-colours';
import { airLegend, gridLegend, incidentLegend, trafficLegend, transitLegend } from './legends';

const labels = (groups: ReturnType<typeof trafficLegend>) => groups.flatMap((g) => g.entries.map((e) => e.label));

describe('legends', () => {
  it('list every congestion band and no data for traffic', () => {
    expect(labels(trafficLegend())).toHaveLength(congestionBands.length + 1);
    expect(labels(trafficLegend()).at(-1)).toBe('No data');
  });

  it('draw traffic swatches in the colours the map uses', () => {
    const marks = trafficLegend()[0].entries.map((e) => e.mark);
    congestionBands.forEach((b, i) => expect(marks[i]).toEqual({ kind: 'line', rgb: b.rgb }));
  });

  it('mark the grid overload dashed, as on the map', () => {
    const overload = gridLegend()[0].entries.find((e) => e.label.startsWith('Overloaded'));
    expect(overload?.mark).toEqual({ kind: 'line', rgb: utilisationBands[0].rgb, dashed: true });
  });

  it('explain substation size and battery sites', () => {
    expect(labels(gridLegend()).join(' ')).toMatch(/substation, sized by load/i);
    expect(labels(gridLegend()).join(' ')).toMatch(/battery/i);
  });

  it('name AQI levels in the standard in force, with their index ranges', () => {
    expect(labels(airLegend('us-epa'))[0]).toBe('Good (0–50)');
    expect(labels(airLegend('cn-hj633'))[5]).toBe('Severely polluted (严重污染) (301+)');
    expect(airLegend('cn-hj633')[0].title).toMatch(/HJ 633/);
    expect(airLegend('us-epa')[0].entries.map((e) => e.mark)).toEqual(aqiLevelStyles.map((s) => ({ kind: 'circle', rgb: s.rgb })));
  });

  it('explain the air surface is an estimate between stations', () => {
    expect(airLegend('us-epa')[1].entries[0].label).toMatch(/estimated between stations/i);
  });

  it('show buses with a direction arrow and stops', () => {
    expect(labels(transitLegend()).join(' ')).toMatch(/direction of travel/);
    expect(labels(transitLegend())).toContain('Stop');
  });

  it('show one icon per incident kind', () => {
    expect(incidentLegend()[0].entries.map((e) => e.mark)).toEqual(['crash', 'breakdown', 'roadworks', 'event'].map((icon) => ({ kind: 'icon', icon })));
  });
});
