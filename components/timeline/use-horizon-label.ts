'use client';

import { useCallback } from 'react';
import { useTranslations } from 'use-intl';

/** A forecast horizon as "+30 min" or "+2 h", in the page's language. */
export function useHorizonLabel(): (minutes: number) => string {
  const t = useTranslations('timeline');
  return useCallback((minutes: number) => (minutes < 60 ? t('horizonMinutes', { minutes }) : t('horizonHours', { hours: minutes / 60 })), [t]);
}
