'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'use-intl';
import { z } from 'zod';
import { LocaleSwitch } from '@/components/i18n/LocaleSwitch';
import { auditEntrySchema, type AuditEntry } from '@/lib/protocol/actions';
import { getJson } from '@/components/data/get-json';
import styles from './audit.module.css';
import { isAuditEvent } from './events';

const PAGE = 200;
const auditPageSchema = z.object({ entries: z.array(auditEntrySchema) });

/** The detail of an entry in one line: `key: value` pairs, nested values as JSON. */
export function detailLine(detail: AuditEntry['detail']): string {
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

/**
 * The audit log, newest first, a page at a time (older pages by sequence number), with the whole
 * log as CSV. Read-only: the log is append-only and no API edits it.
 */
export function AuditLog() {
  const t = useTranslations('audit');
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'short', timeStyle: 'medium' });
  const q = useInfiniteQuery({
    queryKey: ['audit'],
    queryFn: ({ pageParam, signal }) => getJson(`/api/audit?limit=${PAGE}${pageParam ? `&before=${pageParam}` : ''}`, auditPageSchema, signal),
    initialPageParam: 0,
    getNextPageParam: (last) => (last.entries.length < PAGE ? undefined : Math.min(...last.entries.map((e) => e.seq))),
  });
  const entries = q.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>
          <Link href="/">{t('brand')}</Link> · {t('title')}
        </h1>
        <div className={styles.tools}>
          <LocaleSwitch />
          <button type="button" onClick={() => void q.refetch()} disabled={q.isFetching} data-testid="audit-refresh">
            {q.isFetching ? t('loading') : t('refresh')}
          </button>
          <a href="/api/audit?format=csv&limit=10000" download="polis-audit.csv" data-testid="audit-csv">
            {t('exportCsv')}
          </a>
        </div>
      </header>
      {q.isError ? (
        <p className={styles.error} role="alert">
          {t('loadError', { message: q.error.message })}
        </p>
      ) : null}
      <table className={styles.table} data-testid="audit-table">
        <caption className={styles.caption}>
          {t(q.hasNextPage ? 'captionMore' : 'caption', { count: entries.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('col.seq')}</th>
            <th scope="col">{t('col.time')}</th>
            <th scope="col">{t('col.who')}</th>
            <th scope="col">{t('col.event')}</th>
            <th scope="col">{t('col.subject')}</th>
            <th scope="col">{t('col.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq} data-testid="audit-entry" data-event={e.event}>
              <td>{e.seq}</td>
              <td>
                <time dateTime={e.at}>{when(e.at)}</time>
              </td>
              <td>{e.actor}</td>
              <td title={e.event}>{isAuditEvent(e.event) ? t(`event.${e.event}`) : e.event}</td>
              <td className={styles.subject}>{e.subject ?? ''}</td>
              <td className={styles.detail}>{detailLine(e.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {q.isPending ? <p className={styles.note}>{t('loadingLog')}</p> : null}
      {q.hasNextPage ? (
        <button type="button" className={styles.more} onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {q.isFetchingNextPage ? t('loading') : t('older')}
        </button>
      ) : null}
    </main>
  );
}
