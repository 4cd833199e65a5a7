import type { Metadata, Viewport } from 'next';
import { TransitApp } from '@/components/transit/TransitApp';

export const metadata: Metadata = {
  title: 'Buses — live map and arrivals',
  description: 'Where the city’s buses are now and when the next one comes to your stop.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, colorScheme: 'dark', themeColor: '#0a0e13' };

/** The public transit view: no sign-in, its own small bundle (no map library), live over /public. */
export default function TransitPage() {
  return <TransitApp />;
}
