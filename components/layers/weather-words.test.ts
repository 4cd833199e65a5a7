import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import { compassWords, rainWords, sunshineWords } from './weather-words';

const zh = createTranslator({ locale: 'zh-CN', messages: MESSAGES['zh-CN'], namespace: 'layers' });
const en = createTranslator({ locale: 'en', messages: MESSAGES.en, namespace: 'layers' });
const chinese = /[\u4e00-\u9fff]/;

describe('weather in words', () => {
  it('have a message for every rain class', () => {
    for (const mm of [0, 1, 5, 20, 80]) expect(rainWords(zh, mm)).toMatch(chinese);
  });

  it('have a message for every sunshine class', () => {
    for (const wm2 of [0, 50, 300, 900]) expect(sunshineWords(zh, wm2)).toMatch(chinese);
  });

  it('have a message for every compass point', () => {
    for (let deg = 0; deg < 360; deg += 45) expect(compassWords(zh, deg).point).toMatch(chinese);
  });

  it('stay in English words for the English page', () => {
    expect(compassWords(en, 225)).toEqual({ point: 'SW', name: 'south-west' });
    expect(rainWords(en, 0)).toBe('Dry');
  });
});
