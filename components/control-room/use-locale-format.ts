'use client';

import { useMemo } from 'react';
import { useFormatter } from 'use-intl';
import { localeFormat, type LocaleFormat } from './locale-format';

/** localeFormat for the page's locale and zone (from the IntlProvider), stable across renders. */
export function useLocaleFormat(): LocaleFormat {
  const format = useFormatter();
  return useMemo(() => localeFormat(format), [format]);
}
