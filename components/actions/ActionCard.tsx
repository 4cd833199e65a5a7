'use client';

import { useId, useState, type FormEvent } from 'react';
import { useFormatter, useLocale, useTranslations } from 'use-intl';
import type { Action } from '@/lib/protocol/actions';
import { useText } from '../i18n/use-text';
import { rightsOf } from './action-rights';
import { intents, useActionsRoom } from './actions-context';
import { gainOf, observedVsPredicted, withUnit } from './impact-chart-data';
import { ImpactChart } from './ImpactChart';
import { measureText, unitText } from './labels';
import styles from './ActionsPanel.module.css';

/** A clock time (24-hour, with seconds) in the reader's locale and the city's zone. */
function useClock() {
  const format = useFormatter();
  return (iso: string | null) => (iso ? format.dateTime(new Date(iso), { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }) : '');
}

/** A reason asked for before rejecting (required) or rolling back (optional). */
function ReasonForm({ label, submit, submitting, required, busy, onSubmit, onCancel }: { label: string; submit: string; submitting: string; required: boolean; busy: boolean; onSubmit: (reason: string) => void; onCancel: () => void }) {
  const t = useTranslations('actions');
  const id = useId();
  const [reason, setReason] = useState('');
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (required && !reason.trim()) return;
    onSubmit(reason.trim());
  };
  return (
    <form className={styles.reason} onSubmit={send} onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}>
      <label htmlFor={id}>{label}</label>
      {/* The form opens on a person's click: taking them to the field is what they expect. */}
      <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} required={required} maxLength={1000} rows={2} autoFocus data-testid="action-reason" />
      <div className={styles.buttons}>
        <button type="submit" className={styles.danger} disabled={busy || (required && !reason.trim())} data-testid="action-reason-submit">
          {busy ? submitting : submit}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** Who did what when, in the order it happened. */
function Trail({ action: a }: { action: Action }) {
  const t = useTranslations('actions');
  const at = useClock();
  const lines = [t('trail.proposed', { who: a.proposedBy, time: at(a.proposedAt) })];
  if (a.decidedBy) lines.push(t(a.status === 'rejected' ? 'trail.rejected' : 'trail.approved', { who: a.decidedBy, time: at(a.decidedAt) }));
  if (a.executedBy) lines.push(t('trail.executed', { who: a.executedBy, time: at(a.executedAt) }));
  if (a.activeFrom) lines.push(a.activeUntil ? t('trail.inForceUntil', { from: at(a.activeFrom), until: at(a.activeUntil) }) : t('trail.inForce', { from: at(a.activeFrom) }));
  if (a.endedAt) {
    const rolledBack = a.status === 'rolled-back';
    const time = at(a.endedAt);
    lines.push(a.endedBy ? t(rolledBack ? 'trail.rolledBackBy' : 'trail.endedBy', { who: a.endedBy, time }) : t(rolledBack ? 'trail.rolledBack' : 'trail.ended', { time }));
  }
  return (
    <ul className={styles.trail} data-testid="action-trail">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
      {a.reason ? <li>{t('trail.reason', { reason: a.reason })}</li> : null}
    </ul>
  );
}

/**
 * One action: what it does and to what, its predicted impact (headline and chart), who did what,
 * its assumptions, and the buttons the signed-in role may use now. Selecting it previews it on
 * the map. Finished actions show compactly in the history.
 */
export function ActionCard({ action: a, compact = false, onPreview }: { action: Action; compact?: boolean; onPreview: (a: Action) => void }) {
  const t = useTranslations('actions');
  const say = useText();
  const locale = useLocale();
  const at = useClock();
  const room = useActionsRoom();
  const [asking, setAsking] = useState<'reject' | 'rollback' | null>(null);
  const rights = rightsOf(room.role, a);
  const selected = room.selected?.id === a.id;
  const g = gainOf(a.impact);
  const gain = g ? (g.sense === 'none' ? t('gain.none') : t(`gain.${g.sense}`, { pct: g.pct })) : null;
  const unit = unitText(t, a.impact.unit);
  const figure = (v: number, u: string) => withUnit(v, unitText(t, u), locale);
  const vs = a.observed.length ? observedVsPredicted(a.impact, a.observed) : null;
  const headingId = useId();
  // The coded assumptions when every one has a code, else the English list (an action stored before codes).
  const assumptions = a.impact.assumptionTexts ? a.impact.assumptionTexts.map((x) => say(x, '')) : a.impact.assumptions;

  const busy = (intent: string) => room.pending.has(intent);
  const errorsOfThis = [intents.approve(a.id), intents.reject(a.id), intents.execute(a.id), intents.rollback(a.id)].map((i) => room.errors[i]).filter(Boolean);

  const approve = () => void room.run(intents.approve(a.id), (c) => c.approve(a.id));
  const execute = () => void room.run(intents.execute(a.id), (c, key) => c.execute(a.id, key));
  const reject = (reason: string) =>
    void room.run(intents.reject(a.id), (c) => c.reject(a.id, reason)).then((done) => done && setAsking(null));
  const rollback = (reason: string) =>
    void room.run(intents.rollback(a.id), (c) => c.rollback(a.id, reason || undefined)).then((done) => done && setAsking(null));

  return (
    <li
      className={`${styles.card} ${selected ? styles.selected : ''}`}
      data-testid="action"
      data-action-id={a.id}
      data-status={a.status}
      data-kind={a.kind}
      aria-labelledby={headingId}
    >
      <div className={styles.top}>
        <span className={styles.kind}>{t(`kind.${a.kind}`)}</span>
        <span className={styles.level} data-level={a.impactLevel}>
          {t(`impactLevel.${a.impactLevel}`)}
        </span>
        <span className={styles.status} data-status={a.status} data-testid="action-status">
          {t(`status.${a.status}`)}
        </span>
      </div>
      <h3 className={styles.title} id={headingId}>
        <button type="button" onClick={() => onPreview(a)} aria-pressed={selected} title={selected ? t('stopPreview') : t('preview')} data-testid="action-preview">
          {say(a.titleText, a.title)}
        </button>
      </h3>
      <div className={styles.target}>
        {a.target.name} · {t(`target.${a.target.kind}`)}
      </div>
      <p className={styles.headline} data-testid="action-headline">
        <strong>
          {t(`headline.${a.kind}`)}: {figure(a.impact.headline.value, a.impact.headline.unit)}
        </strong>
        {gain ? <span className={styles.gain}> · {gain}</span> : null}
      </p>
      {compact ? (
        <Trail action={a} />
      ) : (
        <>
          <figure className={styles.chart} data-testid="impact-chart" data-observed={a.observed.length}>
            <figcaption className={styles.caption}>
              {t('chartCaption', {
                metric: t(`metric.${a.kind}`, { name: a.target.name }),
                unit: unit || t('unit.index'),
                minutes: a.impact.horizonMin,
                without: figure(a.impact.baseline, a.impact.unit),
                with: figure(a.impact.withPlan, a.impact.unit),
              })}
            </figcaption>
            <ImpactChart action={a} />
          </figure>
          {a.impact.measures?.length ? (
            <table className={styles.measures}>
              <caption>{t('measures.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('measures.figure')}</th>
                  <th scope="col">{t('measures.without')}</th>
                  <th scope="col">{t('measures.with')}</th>
                </tr>
              </thead>
              <tbody>
                {a.impact.measures.map((m) => (
                  <tr key={m.label}>
                    <th scope="row">{measureText(t, m.label)}</th>
                    <td>{figure(m.baseline, m.unit)}</td>
                    <td>{figure(m.withPlan, m.unit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {vs ? (
            <p className={styles.observed} data-testid="action-observed" aria-live="polite">
              {t('observed', { observed: figure(vs.observed, a.impact.unit), predicted: figure(vs.predicted, a.impact.unit), count: a.observed.length })}
            </p>
          ) : a.status === 'active' ? (
            <p className={styles.observed}>{t('waitingObservation')}</p>
          ) : null}
          <Trail action={a} />
          <details className={styles.assumptions}>
            <summary>{t('assumptions', { count: assumptions.length })}</summary>
            <p>
              {t('methodLine', { method: say(a.methodText, a.method), version: a.modelVersion, time: at(a.impact.from) })}
            </p>
            <ul>
              {assumptions.map((s, k) => (
                <li key={k}>{s}</li>
              ))}
            </ul>
          </details>
        </>
      )}
      {asking === null && (rights.approve || rights.reject || rights.execute || rights.rollback) ? (
        <div className={styles.buttons}>
          {rights.approve ? (
            <button type="button" className={styles.primary} onClick={approve} disabled={busy(intents.approve(a.id))} data-testid="action-approve">
              {busy(intents.approve(a.id)) ? t('approving') : t('approve')}
            </button>
          ) : null}
          {rights.reject ? (
            <button type="button" onClick={() => setAsking('reject')} disabled={busy(intents.reject(a.id))} data-testid="action-reject">
              {t('rejectAsk')}
            </button>
          ) : null}
          {rights.execute ? (
            <button
              type="button"
              className={rights.executeAtOnce ? undefined : styles.primary}
              onClick={execute}
              disabled={busy(intents.execute(a.id))}
              data-testid="action-execute"
              title={rights.executeAtOnce ? t('executeAtOnceTitle') : t('executeTitle')}
            >
              {busy(intents.execute(a.id)) ? t('executing') : rights.executeAtOnce ? t('executeAtOnce') : t('execute')}
            </button>
          ) : null}
          {rights.rollback ? (
            <button type="button" className={styles.danger} onClick={() => setAsking('rollback')} disabled={busy(intents.rollback(a.id))} data-testid="action-rollback">
              {t('rollBackAsk')}
            </button>
          ) : null}
        </div>
      ) : null}
      {asking === 'reject' ? (
        <ReasonForm label={t('rejectReason')} submit={t('reject')} submitting={t('rejecting')} required busy={busy(intents.reject(a.id))} onSubmit={reject} onCancel={() => setAsking(null)} />
      ) : null}
      {asking === 'rollback' ? (
        <ReasonForm
          label={t('rollbackReason')}
          submit={t('rollBack')}
          submitting={t('rollingBack')}
          required={false}
          busy={busy(intents.rollback(a.id))}
          onSubmit={rollback}
          onCancel={() => setAsking(null)}
        />
      ) : null}
      {errorsOfThis.length ? (
        <p className={styles.error} role="alert" data-testid="action-error">
          {errorsOfThis.join(' · ')}
        </p>
      ) : null}
    </li>
  );
}
