import { createFormatter, createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import { localeFormat } from '../control-room/locale-format';
import { staleText } from './stale-text';
import type { StaleWhy } from './staleness';

const fmt = localeFormat(createFormatter({ locale: 'en', timeZone: 'UTC' }));
const en = createTranslator({ locale: 'en', messages: MESSAGES.en, namespace: 'map' });
const zh = createTranslator({ locale: 'zh-CN', messages: MESSAGES['zh-CN'], namespace: 'map' });
const zhTransit = createTranslator({ locale: 'zh-CN', messages: MESSAGES['zh-CN'], namespace: 'transit.live' });
const every: StaleWhy[] = [
  { kind: 'disconnected' },
  { kind: 'noHeartbeat', since: Date.parse('2026-11-23T08:00:00Z') },
  { kind: 'modelServicesUnreachable' },
  { kind: 'noNewData', since: '2026-11-23T08:00:00Z' },
  { kind: 'noNewData', since: null },
  { kind: 'noDataYet' },
  { kind: 'gateway' },
];

describe('stale reasons in words', () => {
  it('say since when no new data came, in the page format', () => {
    expect(staleText(en, fmt, { kind: 'noNewData', since: '2026-11-23T08:00:00Z' })).toBe('no new data since 08:00:00');
  });

  it('exist in Chinese for every reason', () => {
    for (const why of every) expect(staleText(zh, fmt, why)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('exist in Chinese for every reason on the public transit view too', () => {
    for (const why of every) expect(staleText(zhTransit, fmt, why)).toMatch(/[\u4e00-\u9fff]/);
  });
});
