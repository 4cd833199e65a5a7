import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import type { LonLat } from '@/lib/domain/road';
import { directionWords } from './direction-words';

const zh = createTranslator({ locale: 'zh-CN', messages: MESSAGES['zh-CN'], namespace: 'map' });
const en = createTranslator({ locale: 'en', messages: MESSAGES.en, namespace: 'map' });

describe('direction in words', () => {
  it('have a message for every way a segment can run', () => {
    for (let deg = 0; deg < 360; deg += 45) {
      const rad = (deg * Math.PI) / 180;
      const path: LonLat[] = [[0, 0], [Math.sin(rad) * 0.01, Math.cos(rad) * 0.01]];
      expect(directionWords(zh, path)).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('stay in English on the English page', () => {
    expect(directionWords(en, [[0, 0], [0.01, 0]])).toBe('eastbound');
  });
});
