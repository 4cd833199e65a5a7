import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { TEXT_CODES, textSchema, type Text } from '../protocol/texts';
import { LOCALES, type Locale } from './locales';
import { MESSAGES } from './messages';
import { renderText } from './render-text';
import type { Translator } from './translator';

function translator(locale: Locale, errors: string[] = [], timeZone = 'UTC'): Translator<'texts'> {
  return createTranslator({ locale, messages: MESSAGES[locale], namespace: 'texts', timeZone, onError: (e) => errors.push(`${locale}: ${e.message}`) });
}

/** A value of one parameter's schema: one per enum option, so every select branch is written once. */
function samples(schema: z.ZodType): unknown[] {
  const def = schema.def as { type: string; format?: string; element?: z.ZodType };
  switch (def.type) {
    case 'enum':
      return (schema as z.ZodEnum).options;
    case 'number':
      return [(schema as z.ZodNumber).format === 'safeint' ? 3 : 12.5];
    case 'string':
      return [def.format === 'datetime' ? '2026-11-22T14:30:00Z' : 'Mill Street'];
    case 'array':
      return [samples(def.element as z.ZodType).flatMap((v) => [v, v])];
    default:
      throw new Error(`no sample for a ${def.type} parameter`);
  }
}

/** Every text the server can send, each enum parameter through all its values. */
function everyText(): Text[] {
  return textSchema.options.flatMap((option) => {
    const shape = option.shape.params.shape as Record<string, z.ZodType>;
    const base = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, samples(s)[0]]));
    const variants = Object.entries(shape).flatMap(([k, s]) => samples(s).slice(1).map((v) => ({ ...base, [k]: v })));
    return [base, ...variants].map((params) => textSchema.parse({ code: option.shape.code.value, params }));
  });
}

describe('texts the server sends as codes', () => {
  for (const locale of LOCALES) {
    it(`have a message for every code in ${locale}`, () => {
      const t = translator(locale);
      expect(TEXT_CODES.filter((code) => !t.has(code))).toEqual([]);
    });

    it(`write every code with every parameter value in ${locale} without a formatting error`, () => {
      const errors: string[] = [];
      const t = translator(locale, errors);
      const written = everyText().map((text) => renderText(t, locale, text, '(fallback)'));
      expect(errors).toEqual([]);
      expect(written.filter((w) => w === '(fallback)' || /[{}]/.test(w))).toEqual([]);
    });
  }

  it('write an alert in Chinese with the street name as it is in the data and figures per locale', () => {
    const text: Text = { code: 'alert.speedCollapse.detail', params: { speed: 1234.4, ratio: 0.08, freeFlow: 50 } };
    expect(renderText(translator('zh-CN'), 'zh-CN', { code: 'alert.speedCollapse.title', params: { segment: 'Mill Street' } }, '')).toBe('Mill Street车速骤降');
    expect(renderText(translator('zh-CN'), 'zh-CN', text, '')).toBe('1,234 km/h，仅为自由流车速 50 km/h 的 8%');
    expect(renderText(translator('en'), 'en', text, '')).toBe('1,234 km/h, 8% of its free-flow 50 km/h');
  });

  it('choose the words of an id parameter in the message', () => {
    const t = translator('zh-CN');
    const title = (kind: 'crash' | 'roadworks') => renderText(t, 'zh-CN', { code: 'alert.incident.title', params: { kind, street: 'High Street' } }, '');
    expect([title('crash'), title('roadworks')]).toEqual(['High Street发生交通事故', 'High Street道路施工']);
  });

  it('write a time parameter in the time zone the page is shown in', () => {
    const text: Text = { code: 'alert.incident.detailUntil', params: { kind: 'crash', street: 'High Street', capacity: 0.4, until: '2026-11-22T14:30:00Z' } };
    expect(renderText(translator('en', [], 'UTC'), 'en', text, '')).toMatch(/at 14:30$/);
    expect(renderText(translator('en', [], 'Asia/Shanghai'), 'en', text, '')).toMatch(/at 22:30$/);
  });

  it('join a list of names the way the language does', () => {
    const text: Text = { code: 'assumption.signals.overCapacityAt', params: { intersections: ['A × B', 'C × D', 'E × F'] } };
    expect(renderText(translator('en'), 'en', text, '')).toBe('Over capacity even so at A × B, C × D, and E × F.');
    expect(renderText(translator('zh-CN'), 'zh-CN', text, '')).toBe('即便如此，A × B、C × D和E × F仍超出通行能力。');
  });

  it('list figures without "and", apart from each other in Chinese too', () => {
    const text: Text = { code: 'assumption.signals.offsets', params: { times: [16, 22.25, 1620] } };
    expect(renderText(translator('en'), 'en', text, '')).toMatch(/\(16, 22\.3, 1,620 s\)/);
    expect(renderText(translator('zh-CN'), 'zh-CN', text, '')).toMatch(/（16、22\.3、1,620 秒）/);
  });

  it('show the English the server wrote when a row has no code', () => {
    expect(renderText(translator('zh-CN'), 'zh-CN', null, 'Speed collapse on Mill Street')).toBe('Speed collapse on Mill Street');
  });

  it('show the English the server wrote when the catalogue lacks the code', () => {
    const fromNewerServer = { code: 'alert.somethingNew.title', params: {} } as unknown as Text;
    expect(renderText(translator('zh-CN'), 'zh-CN', fromNewerServer, 'Something new')).toBe('Something new');
  });
});
