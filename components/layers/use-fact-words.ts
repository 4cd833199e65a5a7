'use client';

import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import { useLocaleFormat } from '../control-room/use-locale-format';
import { useText } from '../i18n/use-text';
import type { FactWords } from './feature-facts';

/** The page's words and formats for featureFacts. */
export function useFactWords(): FactWords {
  const t = useTranslations('layers');
  const fmt = useLocaleFormat();
  const say = useText();
  return useMemo(() => ({ t, fmt, say }), [t, fmt, say]);
}
