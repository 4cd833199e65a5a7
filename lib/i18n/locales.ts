import { z } from 'zod';
import { LOCALES } from './locale-constants';

// The constants live in a zod-free module so the light public pages can import them.
export { LOCALES, LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_S, LOCALE_NAMES } from './locale-constants';
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;
export const DEFAULT_LOCALE: Locale = 'en';

/** Map one BCP 47 tag to a supported locale: any Chinese except explicitly traditional → zh-CN. */
function match(tag: string): Locale | null {
  const t = tag.trim().toLowerCase();
  if (t === 'en' || t.startsWith('en-')) return 'en';
  if (t === 'zh' || t.startsWith('zh-')) return /^zh-(hant|tw|hk|mo)\b/.test(t) ? null : 'zh-CN';
  return null;
}

/** The best supported locale for an Accept-Language header, by its q-values (RFC 9110 §12.5.4). */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    const m = match(r.tag);
    if (m) return m;
  }
  return DEFAULT_LOCALE;
}

/** The locale to use: a valid remembered choice wins over the browser's languages. */
export function resolveLocale(cookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  const chosen = localeSchema.safeParse(cookie);
  return chosen.success ? chosen.data : negotiateLocale(acceptLanguage);
}
