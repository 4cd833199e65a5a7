import { createFormatter, createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import { driverSchema } from '@/lib/protocol/forecast';
import { localeFormat } from '../control-room/locale-format';
import { buildForecastChartData, describeAccuracy } from './forecast-chart-data';

const t = createTranslator({ locale: 'en', messages: MESSAGES.en, namespace: 'forecast' });
const fmt = localeFormat(createFormatter({ locale: 'en', timeZone: 'UTC' }));

describe('forecast chart data', () => {
  it('orders the points by time and turns P10 and P90 into a band', () => {
    const data = buildForecastChartData([
      { t: '2026-11-24T11:00:00Z', p10: 80, p50: 100, p90: 130 },
      { t: '2026-11-24T10:45:00Z', p10: 70, p50: 90, p90: 110 },
    ]);
    expect(data.rows.map((r) => r.t)).toEqual([Date.parse('2026-11-24T10:45:00Z'), Date.parse('2026-11-24T11:00:00Z')]);
    expect(data.rows[1].band).toEqual([80, 130]);
    expect([data.min, data.max]).toEqual([70, 130]);
  });

  it('drops points that are not numbers and widens the extent to the reference line', () => {
    const data = buildForecastChartData(
      [
        { t: '2026-11-24T10:00:00Z', p10: Number.NaN, p50: 1, p90: 2 },
        { t: '2026-11-24T10:15:00Z', p10: 10, p50: 20, p90: 30 },
      ],
      500,
    );
    expect(data.rows).toHaveLength(1);
    expect(data.max).toBe(500);
  });

  it('describes the accuracy per horizon in hours or minutes with the coverage as a percentage', () => {
    expect(
      describeAccuracy(
        t,
        fmt,
        [
          { horizonMinutes: 60, mae: 82.84, coverage: 0.7 },
          { horizonMinutes: 15, mae: 3.21, coverage: 0.812 },
        ],
        'kW',
      ),
    ).toBe('+1 h: MAE 82.8 kW, P10–P90 held 70 % · +15 min: MAE 3.2 kW, P10–P90 held 81 %');
    expect(describeAccuracy(t, fmt, [], 'kW')).toMatch(/No held-out accuracy/);
  });

  it('has a name in every language for every forecast driver the model services send', () => {
    for (const locale of ['en', 'zh-CN'] as const)
      for (const driver of driverSchema.shape.driver.options) expect(MESSAGES[locale].forecast.driver[driver]).toBeTruthy();
  });
});
