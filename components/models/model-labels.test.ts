import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/locales';
import { MESSAGES } from '@/lib/i18n/messages';
import { forecastTargetSchema, modelFamilySchema, modelStatusSchema } from '@/lib/protocol/forecast';

describe('model card labels', () => {
  for (const locale of LOCALES) {
    it(`name every forecast target, model family (and describe it) and version status in ${locale}`, () => {
      const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'models' });
      const keys = [
        ...forecastTargetSchema.options.map((x) => `target.${x}`),
        ...modelFamilySchema.options.flatMap((f) => [`family.${f}`, `description.${f}`]),
        ...modelStatusSchema.options.map((s) => `status.${s}`),
      ];
      expect(keys.filter((k) => !t.has(k as Parameters<typeof t.has>[0]))).toEqual([]);
    });
  }
});
