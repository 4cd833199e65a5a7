import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { UsersAdmin } from '@/components/admin/UsersAdmin';
import { IntlScope } from '@/components/i18n/IntlScope';
import { LocaleSwitch } from '@/components/i18n/LocaleSwitch';
import { getTranslator } from '@/lib/i18n/request';
import { may, sessionUserSchema, USER_HEADER, type SessionUser } from '@/lib/protocol/auth';
import styles from './users.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator('admin'))('metaTitle') };
}

/** The user the web server vouched for (USER_HEADER is set from the session, never taken from the browser). */
async function viewer(): Promise<SessionUser | null> {
  const raw = (await headers()).get(USER_HEADER);
  if (!raw) return null;
  try {
    const user = sessionUserSchema.safeParse(JSON.parse(raw));
    return user.success ? user.data : null;
  } catch {
    return null;
  }
}

/**
 * /admin/users: the admin's user list. The web server already answers 403 here to anyone but an
 * admin (server/auth/gate.ts); the check is repeated so the page never renders for others.
 */
export default async function UsersPage() {
  const user = await viewer();
  const t = await getTranslator('admin');
  if (!user || !may(user.role, 'users:manage'))
    return (
      <main className={styles.page} data-testid="forbidden">
        <h1>{t('forbidden')}</h1>
      </main>
    );
  return (
    <IntlScope namespaces={['admin']}>
      <main className={styles.page}>
        <header className={styles.header}>
          <h1>{t('title')}</h1>
          <div className={styles.meta}>
            {t('signedInAs', { email: user.email })} · <Link href="/">{t('controlRoom')}</Link> ·{' '}
            <form method="post" action="/api/auth/logout" className={styles.inline}>
              <button type="submit" className={styles.link}>
                {t('signOut')}
              </button>
            </form>{' '}
            · <LocaleSwitch />
          </div>
        </header>
        <UsersAdmin selfId={user.id} />
      </main>
    </IntlScope>
  );
}
