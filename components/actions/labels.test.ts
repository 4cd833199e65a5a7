import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/locales';
import { MESSAGES } from '@/lib/i18n/messages';
import { actionStatusSchema, impactLevelSchema } from '@/lib/protocol/actions';
import { actionKindSchema, actionTargetSchema } from '@/lib/protocol/actuation';
import { IMPACT_MEASURES, IMPACT_UNITS, measureText, unitText, type ActionsT } from './labels';

const translator = (locale: (typeof LOCALES)[number]) => createTranslator({ locale, messages: MESSAGES[locale], namespace: 'actions' }) as unknown as ActionsT;

/** The what-if runs' source: the units and figure labels the server can send. */
const whatIf = readFileSync(join(import.meta.dirname, '..', '..', 'server', 'twin', 'actuation', 'what-if.ts'), 'utf8');
const literals = (field: string) => [...new Set([...whatIf.matchAll(new RegExp(`\\b${field}: '([^']+)'`, 'g'))].map((m) => m[1] as string))];

describe('action labels', () => {
  for (const locale of LOCALES) {
    const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'actions' });

    it(`name every action kind, status, impact level and target kind in ${locale}`, () => {
      const keys = [
        ...actionKindSchema.options.flatMap((k) => [`kind.${k}`, `headline.${k}`, `metric.${k}`, `propose.${k}`, `propose.explain.${k}`]),
        ...actionStatusSchema.options.map((s) => `status.${s}`),
        ...impactLevelSchema.options.map((l) => `impactLevel.${l}`),
        ...actionTargetSchema.shape.kind.options.map((k) => `target.${k}`),
      ];
      expect(keys.filter((k) => !t.has(k as Parameters<typeof t.has>[0]))).toEqual([]);
    });
  }

  it('know every unit the what-if runs report impacts in', () => {
    expect(literals('unit').filter((u) => !Object.hasOwn(IMPACT_UNITS, u))).toEqual([]);
  });

  it('know every further figure the what-if runs report', () => {
    expect(literals('label').filter((l) => !Object.hasOwn(IMPACT_MEASURES, l))).toEqual([]);
  });

  it('write units and figures in Chinese for a Chinese reader', () => {
    const t = translator('zh-CN');
    expect([unitText(t, 's/veh'), unitText(t, 'kW'), measureText(t, 'Minutes over capacity')]).toEqual(['秒/辆', 'kW', '超容量分钟数']);
  });

  it('show a unit or figure it does not know as the server sent it', () => {
    const t = translator('en');
    expect([unitText(t, 'furlongs'), measureText(t, 'Something new')]).toEqual(['furlongs', 'Something new']);
  });
});
