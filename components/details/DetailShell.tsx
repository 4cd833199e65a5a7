'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import styles from './DetailPanel.module.css';

interface Props {
  title: string;
  subtitle: string;
  /** Accessible name of the panel, e.g. "Segment details". */
  label: string;
  testId: string;
  /** What the panel shows: changing it moves focus to the close button again. */
  subject: string;
  onClose: () => void;
  children: ReactNode;
  /** Extra attributes for tests and styling, e.g. the kind shown. */
  kind?: string;
}

/** The side panel every kind of map object opens in: a heading, a close button, its details. */
export function DetailShell({ title, subtitle, label, testId, subject, onClose, children, kind }: Props) {
  const t = useTranslations('details');
  const locale = useLocale();
  const closeRef = useRef<HTMLButtonElement>(null);
  // Keyboard users land on the panel they just opened.
  useEffect(() => closeRef.current?.focus(), [subject]);
  return (
    <aside className={styles.panel} aria-label={label} data-testid={testId} data-kind={kind}>
      <header className={styles.head}>
        <div>
          <h2 className={styles.name}>{title}</h2>
          <div className={styles.sub}>{subtitle}</div>
        </div>
        <button ref={closeRef} type="button" className={styles.close} onClick={onClose} aria-label={t('close', { what: label.toLocaleLowerCase(locale) })} title={t('closeTitle')}>
          ×
        </button>
      </header>
      {children}
    </aside>
  );
}
