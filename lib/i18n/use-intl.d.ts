import type { Locale } from './locales';
import type { Messages } from './messages';

// Types every t('key') against the English messages: a key missing there fails `npm run typecheck`,
// and messages.test.ts fails when another language lacks it.
declare module 'use-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
