import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@/lib/i18n/locales';
import { MESSAGES } from '@/lib/i18n/messages';
import { AUDIT_EVENTS, isAuditEvent } from './events';

const root = join(import.meta.dirname, '..', '..');

describe('audit event names', () => {
  for (const locale of LOCALES) {
    it(`each have a message in ${locale}`, () => {
      const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: 'audit' });
      expect(AUDIT_EVENTS.filter((e) => !t.has(`event.${e}`))).toEqual([]);
    });
  }

  it('include every literal event the server writes', () => {
    const sources = ['server/auth/auth-audit.ts', 'server/auth/http.ts', 'server/auth/users-http.ts', 'server/realtime/actions/service.ts'].map((f) => readFileSync(join(root, f), 'utf8'));
    const written = new Set(sources.flatMap((s) => [...s.matchAll(/'((?:action|auth|alert)\.[a-z-]+)'/g)].map((m) => m[1] as string)));
    expect([...written].filter((e) => !isAuditEvent(e))).toEqual([]);
  });

  it('leave an unknown event to be shown as the server sent it', () => {
    expect(isAuditEvent('action.teleported')).toBe(false);
  });
});
