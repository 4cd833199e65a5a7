import type { Metadata } from 'next';
import { IntlScope } from '@/components/i18n/IntlScope';
import { LocaleSwitch } from '@/components/i18n/LocaleSwitch';
import { getTranslator } from '@/lib/i18n/request';
import { signInErrorSchema } from '@/lib/protocol/auth';
import styles from './login.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator('login'))('metaTitle') };
}

type LoginT = Awaited<ReturnType<typeof getTranslator<'login'>>>;

/** What went wrong, from the `error` (and for a lock, `retry`: Retry-After seconds) parameters. */
function messageOf(t: LoginT, error: string | string[] | undefined, retry: string | string[] | undefined): string | null {
  const code = signInErrorSchema.safeParse(error);
  if (!code.success) return null;
  const seconds = typeof retry === 'string' ? Number(retry) : NaN;
  if (code.data === 'locked' && Number.isFinite(seconds) && seconds > 0) return t('lockedFor', { minutes: Math.ceil(seconds / 60) });
  return t(`error.${code.data}`);
}

/**
 * Sign-in: a plain form posted to /api/auth/login, so it works before any script has loaded.
 * The server sets the session cookie and sends the browser back to where it was going.
 */
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const t = await getTranslator('login');
  const error = messageOf(t, params.error, params.retry);
  const next = typeof params.next === 'string' && /^\/(?![/\\])/.test(params.next) ? params.next : '/';
  return (
    <main className={styles.page}>
      <IntlScope namespaces={['login']}>
        <div className={styles.language}>
          <LocaleSwitch />
        </div>
      </IntlScope>
      <form className={styles.card} method="post" action="/api/auth/login" data-testid="sign-in-form">
        <h1 className={styles.brand}>{t('brand')}</h1>
        <p className={styles.lead}>{t('lead')}</p>
        {error && (
          <p className={styles.error} role="alert" data-testid="sign-in-error">
            {error}
          </p>
        )}
        <label className={styles.field}>
          <span>{t('email')}</span>
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label className={styles.field}>
          <span>{t('password')}</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <input type="hidden" name="next" value={next} />
        <button className={styles.submit} type="submit">
          {t('submit')}
        </button>
        <p className={styles.note}>
          {t('transitNote')} <a href="/transit">{'/transit'}</a>
        </p>
      </form>
    </main>
  );
}
