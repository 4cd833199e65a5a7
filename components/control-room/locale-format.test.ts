import { createFormatter } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { localeFormat } from './locale-format';

const at = '2026-11-22T08:05:09Z';
const en = localeFormat(createFormatter({ locale: 'en', timeZone: 'UTC' }));
const zh = localeFormat(createFormatter({ locale: 'zh-CN', timeZone: 'UTC' }));

describe('locale formats', () => {
  it('show clock time as 24-hour HH:mm:ss in the given zone', () => {
    expect(en.clock(at)).toBe('08:05:09');
  });

  it('show clock time as 24-hour HH:mm:ss in Chinese too', () => {
    expect(zh.clock(at)).toBe('08:05:09');
  });

  it('group thousands and fix decimals per locale', () => {
    expect(en.fixed(12345.678, 1)).toBe('12,345.7');
  });

  it('say a time cannot be shown instead of throwing', () => {
    expect(en.hourMinute('not a time')).toBe('--:--');
  });
});
