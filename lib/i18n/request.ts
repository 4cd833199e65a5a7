import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { createFormatter, createTranslator } from 'use-intl/core';
import { LOCALE_COOKIE, resolveLocale, type Locale } from './locales';
import { MESSAGES, type Namespace } from './messages';
import { serverTimeZone } from './time-zone';

/** The locale of this request: the remembered choice, else the browser's languages. Once per request. */
export const getLocale = cache(async (): Promise<Locale> => {
  const [c, h] = await Promise.all([cookies(), headers()]);
  return resolveLocale(c.get(LOCALE_COOKIE)?.value, h.get('accept-language'));
});

/** Translate in a server component: `const t = await getTranslator('kpi'); t('title')`. */
export async function getTranslator<N extends Namespace>(namespace: N) {
  const locale = await getLocale();
  return createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: serverTimeZone() });
}

/** Format numbers, dates and times per locale in a server component (Intl underneath). */
export async function getFormatter() {
  return createFormatter({ locale: await getLocale(), timeZone: serverTimeZone() });
}
