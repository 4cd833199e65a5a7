import { getTranslator } from '@/lib/i18n/request';
import styles from './PagesMenu.module.css';

const pages = [
  { href: '/models', key: 'models' },
  { href: '/kpi', key: 'kpi' },
  { href: '/audit', key: 'audit' },
  { href: '/admin/users', key: 'users' },
  { href: '/transit', key: 'transit' },
] as const;

/**
 * The other pages of Polis, one click from the control room. A native disclosure: keyboard and
 * screen-reader usable with no client script. Each page checks the role itself.
 */
export async function PagesMenu() {
  const t = await getTranslator('header');
  return (
    <details className={styles.menu} data-testid="pages-menu">
      <summary className={styles.summary}>{t('pages.menu')}</summary>
      <nav aria-label={t('pages.menu')} className={styles.list}>
        {pages.map((p) => (
          <a key={p.href} href={p.href} className={styles.link}>
            {t(`pages.${p.key}`)}
          </a>
        ))}
      </nav>
    </details>
  );
}
