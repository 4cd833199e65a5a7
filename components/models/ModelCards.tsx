import { getFormatter, getTranslator } from '@/lib/i18n/request';
import type { HorizonMetrics, ModelsList } from '@/lib/protocol/forecast';
import { horizonOf, modelCards } from './model-cards';
import styles from './ModelCards.module.css';

/** The model registry as cards: per target, what serves, on what data, and how it scores against the baselines. */
export async function ModelCards({ list, fetchedAt }: { list: ModelsList; fetchedAt: string }) {
  const [t, format] = await Promise.all([getTranslator('models'), getFormatter()]);
  const num = (v: number) => format.number(v, { maximumFractionDigits: Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2 });
  const mae = (m: HorizonMetrics | null) => (m ? num(m.mae) : '—');
  const pct = (v: number) => format.number(v / 100, { style: 'percent', maximumFractionDigits: 1 });
  const date = (iso: string) =>
    format.dateTime(new Date(iso), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
  const horizon = (m: number) => {
    const h = horizonOf(m);
    return h.unit === 'hours' ? t('horizonHours', { hours: h.hours }) : t('horizonMinutes', { minutes: h.minutes });
  };
  const cards = modelCards(list);
  return (
    <div className={styles.cards}>
      {cards.map((c) => (
        <section key={c.target} className={styles.card} aria-labelledby={`card-${c.target}`} data-testid="model-card">
          <h2 id={`card-${c.target}`}>
            {t(`target.${c.target}`)} <span className={styles.meta}>{c.target}</span>
          </h2>
          {c.serving ? (
            <>
              <p className={styles.meta}>
                {t.rich('serving', {
                  id: c.serving.id,
                  version: String(c.serving.version),
                  family: t(`family.${c.serving.family}`),
                  trained: date(c.serving.createdAt),
                  seconds: format.number(c.serving.trainMs / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
                  seed: String(c.serving.seed),
                  b: (chunks) => <strong>{chunks}</strong>,
                })}
              </p>
              <p className={styles.meta}>
                {t('data', {
                  from: date(c.serving.data.from),
                  to: date(c.serving.data.to),
                  series: c.serving.data.series,
                  testFrom: date(c.serving.data.testFrom),
                  testTo: date(c.serving.data.testTo),
                })}
              </p>
              {/* Said by family, in the page's language (the registry's description is the same text in English). */}
              <p className={styles.meta}>{t(`description.${c.serving.family}`)}</p>
            </>
          ) : (
            <p className={styles.meta}>{t('noModel')}</p>
          )}
          <table className={styles.table}>
            <caption className={styles.meta}>{t('caption', { unit: c.unit })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.horizon')}</th>
                <th scope="col">{t('col.mae')}</th>
                <th scope="col">{t('col.rmse')}</th>
                <th scope="col">{t('col.coverage')}</th>
                <th scope="col">{t('col.persistence')}</th>
                <th scope="col">{t('col.seasonal')}</th>
                <th scope="col">{t('col.gain')}</th>
              </tr>
            </thead>
            <tbody>
              {c.rows.map((r) => (
                <tr key={r.horizonMinutes}>
                  <th scope="row">{horizon(r.horizonMinutes)}</th>
                  <td>{mae(r.model)}</td>
                  <td>{r.model ? num(r.model.rmse) : '—'}</td>
                  <td>{r.model ? pct(Math.round(r.model.coverage * 100)) : '—'}</td>
                  <td>{mae(r.persistence)}</td>
                  <td>{mae(r.seasonal)}</td>
                  <td className={r.gainPct === null ? undefined : r.gainPct >= 0 ? styles.better : styles.worse}>{r.gainPct === null ? '—' : pct(r.gainPct)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {c.others.length ? (
            <p className={styles.meta}>
              {t('otherVersions', {
                list: c.others
                  .map((v) => {
                    const values = { family: t(`family.${v.family}`), version: v.version, status: t(`status.${v.status}`) };
                    return v.score !== null ? t('otherVersionScored', { ...values, score: num(v.score) }) : t('otherVersion', values);
                  })
                  .join(' · '),
              })}
            </p>
          ) : null}
        </section>
      ))}
      <p className={styles.meta}>{t('asOf', { time: date(fetchedAt) })}</p>
    </div>
  );
}
