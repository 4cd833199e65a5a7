import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SkipLink } from '@/components/a11y/SkipLink';
import { IntlScope } from '@/components/i18n/IntlScope';
import { Providers } from '@/components/providers/Providers';
import { getLocale, getTranslator } from '@/lib/i18n/request';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator('common');
  return { title: t('meta.title'), description: t('meta.description') };
}

export const viewport: Viewport = {
  colorScheme: 'dark',
  themeColor: '#0a0e13',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={await getLocale()}>
      <body>
        <IntlScope namespaces={[]}>
          <SkipLink />
          <Providers>{children}</Providers>
        </IntlScope>
      </body>
    </html>
  );
}
