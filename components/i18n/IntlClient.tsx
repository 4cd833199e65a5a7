'use client';

import type { ReactNode } from 'react';
import { IntlProvider } from 'use-intl';
import type { Locale } from '@/lib/i18n/locales';
import type { Messages } from '@/lib/i18n/messages';

/** Hands the server's locale, zone and the page's messages to client components (useTranslations). */
export function IntlClient({ locale, timeZone, messages, children }: { locale: Locale; timeZone: string; messages: Partial<Messages>; children: ReactNode }) {
  return (
    <IntlProvider locale={locale} timeZone={timeZone} messages={messages as Messages}>
      {children}
    </IntlProvider>
  );
}
