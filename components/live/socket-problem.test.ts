import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import { problemText, type SocketProblem } from './socket-problem';

const every: SocketProblem[] = [
  { kind: 'invalid' },
  { kind: 'noAnswer' },
  { kind: 'unavailable', detail: 'xhr poll error' },
  ...(['bad-request', 'forbidden', 'unavailable', 'not-found', 'conflict', 'rate-limited'] as const).map((code) => ({ kind: 'refused' as const, code, detail: 'the operator role may not do that' })),
];

describe('problems of the alerts and actions lists', () => {
  for (const namespace of ['alerts', 'actions'] as const) {
    it(`are said in Chinese in the ${namespace} panel, the gateway's own words after`, () => {
      const t = createTranslator({ locale: 'zh-CN', messages: MESSAGES['zh-CN'], namespace });
      expect(every.map((p) => problemText(t, p)).filter((s) => !/^[\u3000-\u9fff]/.test(s))).toEqual([]);
      expect(problemText(t, { kind: 'refused', code: 'forbidden', detail: 'the operator role may not do that' })).toBe('无权操作：the operator role may not do that');
    });
  }
});
