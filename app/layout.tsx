import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers/Providers';
import './globals.css';

export const metadata: Metadata = {
  title: 'Polis — control room',
  description: 'Live traffic, forecasts and city operations on one map.',
};

export const viewport: Viewport = {
  colorScheme: 'dark',
  themeColor: '#0a0e13',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
