import type { Metadata, Viewport } from 'next';
import { IntlScope } from '@/components/i18n/IntlScope';
import { TransitApp } from '@/components/transit/TransitApp';
import { getTranslator } from '@/lib/i18n/request';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator('transit');
  return { title: t('meta.title'), description: t('meta.description') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, colorScheme: 'dark', themeColor: '#0a0e13' };

/**
 * The public transit view: no sign-in, its own small bundle (no map library), live over /public.
 * Only the 'transit' strings are sent to the browser: the first view must stay under 200 KB.
 */
export default function TransitPage() {
  return (
    <IntlScope namespaces={['transit']}>
      <TransitApp />
    </IntlScope>
  );
}
