import type { TransitAlert } from '@/lib/protocol/transit';

/**
 * An alert's header and description in the reader's language when the feed gives it: the exact tag
 * ("zh-CN"), else the same language under another tag ("zh", "zh-Hans"), else the feed's default.
 */
export function alertInLanguage(a: Pick<TransitAlert, 'header' | 'description' | 'translations'>, locale: string): { header: string; description: string } {
  const own = a.translations ?? {};
  const primary = (tag: string) => tag.split('-')[0]?.toLowerCase();
  const tag = Object.hasOwn(own, locale) ? locale : Object.keys(own).find((t) => primary(t) === primary(locale));
  const found = tag ? own[tag] : undefined;
  return { header: found?.header || a.header, description: found?.description || a.description };
}
