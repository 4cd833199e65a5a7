import type { ReactNode } from 'react';
import { pickMessages, type Namespace } from '@/lib/i18n/messages';
import { getLocale } from '@/lib/i18n/request';
import { serverTimeZone } from '@/lib/i18n/time-zone';
import { IntlClient } from './IntlClient';

/**
 * The strings the client components below need, and only those: a page wraps its client part in
 * one scope naming its namespaces ('common' is always included).
 */
export async function IntlScope({ namespaces, children }: { namespaces: readonly Namespace[]; children: ReactNode }) {
  const locale = await getLocale();
  return (
    <IntlClient locale={locale} timeZone={serverTimeZone()} messages={pickMessages(locale, ['common', ...namespaces])}>
      {children}
    </IntlClient>
  );
}
