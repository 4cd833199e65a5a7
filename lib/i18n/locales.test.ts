import { describe, expect, it } from 'vitest';
import { negotiateLocale, resolveLocale } from './locales';

describe('choosing the language', () => {
  it('speaks Simplified Chinese to a browser that prefers zh-CN', () => {
    expect(negotiateLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
  });
  it('speaks Simplified Chinese to a browser that only says zh-Hans', () => {
    expect(negotiateLocale('zh-Hans')).toBe('zh-CN');
  });
  it('ranks languages by their q-values, not by their order', () => {
    expect(negotiateLocale('en;q=0.5, zh-CN;q=0.9')).toBe('zh-CN');
  });
  it('does not answer traditional Chinese with simplified characters', () => {
    expect(negotiateLocale('zh-TW, de')).toBe('en');
  });
  it('falls back to English for languages it does not speak or no header', () => {
    expect(negotiateLocale('fr-FR, de;q=0.8')).toBe('en');
    expect(negotiateLocale(null)).toBe('en');
  });
  it('ignores a language refused with q=0', () => {
    expect(negotiateLocale('zh-CN;q=0, en')).toBe('en');
  });
  it('lets a remembered choice win over the browser', () => {
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
  });
  it('ignores a remembered choice that is not a supported locale', () => {
    expect(resolveLocale('xx', 'zh-CN')).toBe('zh-CN');
  });
});
