'use client';

import type { MouseEvent } from 'react';
import { useTranslations } from 'use-intl';
import styles from './SkipLink.module.css';

/**
 * "Skip to main content", the first stop of the tab order on every page (WCAG 2.4.1). Pages have
 * a <main> but no shared id, so the link finds it and moves focus there itself.
 */
export function SkipLink() {
  const t = useTranslations('common');
  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    const main = document.querySelector('main');
    if (!main) return;
    e.preventDefault();
    if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
    main.focus();
  };
  return (
    <a href="#main" className={styles.skip} onClick={skip} data-testid="skip-link">
      {t('skipToContent')}
    </a>
  );
}
