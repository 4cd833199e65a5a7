'use client';

import { useCallback } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { renderText } from '@/lib/i18n/render-text';
import type { Text } from '@/lib/protocol/texts';

/**
 * Writes a text the server sent as a code (lib/protocol/texts.ts) in the page's language; the page
 * must include the 'texts' namespace. Without a code, the English the server sent beside it.
 */
export function useText(): (text: Text | null | undefined, english: string) => string {
  const t = useTranslations('texts');
  const locale = useLocale();
  return useCallback((text, english) => renderText(t, locale, text, english), [t, locale]);
}
