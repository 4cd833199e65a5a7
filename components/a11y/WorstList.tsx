'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslations } from 'use-intl';
import { worstFeeders, worstSegments, worstStations } from '@/lib/a11y/worst';
import { gridNetworkQuery, networkQuery } from '../data/queries';
import { useLayerSnapshot } from '../live/use-live';
import { FeederTable, SegmentTable, StationTable } from './WorstTables';
import styles from './WorstList.module.css';

/**
 * The map's text alternative: a "List view" button in the control room header that opens the
 * worst segments, stations and feeders as tables. It reads the same react-query cache the map
 * draws from, so it updates live with it; nothing is fetched twice. Opening moves focus to the
 * panel's heading; Escape or the close button closes it and returns focus to the button.
 */
export function WorstList() {
  const t = useTranslations('a11y');
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const panelId = useId();
  const titleId = useId();

  useEffect(() => {
    if (open) headingRef.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    toggleRef.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    // Keep the control room's own Escape handling (closing the detail panel) out of this.
    e.stopPropagation();
    close();
  };

  return (
    <div className={styles.wrap}>
      <button
        ref={toggleRef}
        type="button"
        className={styles.toggle}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => (open ? close() : setOpen(true))}
        data-testid="list-view-toggle"
      >
        {t('listView.toggle')}
      </button>
      {open ? (
        <section id={panelId} className={styles.panel} aria-labelledby={titleId} onKeyDown={onKeyDown} data-testid="worst-list">
          <div className={styles.head}>
            <h2 id={titleId} ref={headingRef} tabIndex={-1} className={styles.title}>
              {t('listView.title')}
            </h2>
            <button type="button" className={styles.close} onClick={close}>
              {t('listView.close')}
            </button>
          </div>
          <p className={styles.intro}>{t('listView.intro')}</p>
          <WorstTables />
        </section>
      ) : null}
    </div>
  );
}

/** Only mounted while the list is open, so a closed list costs nothing per update. */
function WorstTables() {
  const segments = useQuery(networkQuery).data?.segments;
  const feeders = useQuery(gridNetworkQuery).data?.feeders;
  const traffic = useLayerSnapshot('traffic')?.items;
  const air = useLayerSnapshot('air')?.items;
  const grid = useLayerSnapshot('grid')?.items;
  return (
    <>
      <SegmentTable rows={segments && traffic ? worstSegments(segments, traffic) : []} />
      <StationTable rows={air ? worstStations(air) : []} />
      <FeederTable rows={grid ? worstFeeders(feeders, grid) : []} />
    </>
  );
}
