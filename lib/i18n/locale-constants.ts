/**
 * The languages and the remembered-choice cookie, without zod: the language switch imports these,
 * and the public transit view must not ship zod (its first view stays under 200 KB of JavaScript).
 */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** The cookie that remembers a person's choice of language over the browser's. */
export const LOCALE_COOKIE = 'polis-locale';
export const LOCALE_COOKIE_MAX_AGE_S = 365 * 24 * 3600;

/** Each language named in itself, for the switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);
