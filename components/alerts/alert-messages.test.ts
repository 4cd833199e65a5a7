import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/locales';
import { MESSAGES } from '@/lib/i18n/messages';
import { alertRuleSchema, alertSeveritySchema } from '@/lib/protocol/alerts';

// The server sends rules and severities as ids; the panel names them in the page's language.
describe('alert labels', () => {
  it('name every rule the server can raise, in every language', () => {
    for (const locale of LOCALES) for (const rule of alertRuleSchema.options) expect(MESSAGES[locale].alerts.rule[rule]).toBeTruthy();
  });

  it('name every severity the server can send, in every language', () => {
    for (const locale of LOCALES) for (const severity of alertSeveritySchema.options) expect(MESSAGES[locale].alerts.severity[severity]).toBeTruthy();
  });
});
