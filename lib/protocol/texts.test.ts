import { describe, expect, it } from 'vitest';
import { aqiStandardSchema, pollutantSchema } from './air';
import { incidentKindSchema } from './incidents';
import { aqiStandardKey, storedTextSchema, textSchema } from './texts';

describe('the schema of texts sent as codes', () => {
  it('takes a code with the parameters it names', () => {
    const text = { code: 'alert.speedCollapse.title', params: { segment: 'Mill Street' } };
    expect(textSchema.parse(text)).toEqual(text);
  });

  it('refuses a parameter the code does not take, naming it', () => {
    const res = textSchema.safeParse({ code: 'alert.speedCollapse.title', params: { segment: 'Mill Street', speed: 3 } });
    expect(res.success).toBe(false);
    expect(res.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['speed'] });
  });

  it('refuses a code without a parameter it needs, naming it', () => {
    const res = textSchema.safeParse({ code: 'alert.speedCollapse.detail', params: { speed: 3, ratio: 0.1 } });
    expect(res.error?.issues[0]?.path).toEqual(['params', 'freeFlow']);
  });

  it('refuses a code it does not know', () => {
    expect(textSchema.safeParse({ code: 'alert.somethingNew', params: {} }).success).toBe(false);
  });

  it('reads a stored text it does not know, or none, as null so the English beside it is shown', () => {
    expect([storedTextSchema.parse({ code: 'alert.somethingNew', params: {} }), storedTextSchema.parse(undefined), storedTextSchema.parse(null)]).toEqual([null, null, null]);
  });

  it('offer the same incident kinds and pollutants as the layers, and a key for every AQI standard', () => {
    const params = (code: string) => textSchema.options.find((o) => o.shape.code.value === code)?.shape.params.shape as Record<string, { options?: readonly string[] }>;
    expect(params('alert.incident.title').kind.options).toEqual(incidentKindSchema.options);
    expect(params('alert.airQualityEpa.detail').pollutant.options).toEqual(pollutantSchema.options);
    expect(Object.keys(aqiStandardKey).sort()).toEqual([...aqiStandardSchema.options].sort());
  });
});
