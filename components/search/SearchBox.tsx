'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'use-intl';
import { gridNetworkQuery, networkQuery, transitNetworkQuery } from '../data/queries';
import { useLayerSnapshot } from '../live/use-live';
import { useRoomFocus } from './focus-context';
import { buildSearchIndex, searchEntries, type SearchEntry } from './search-index';
import styles from './SearchBox.module.css';

/** Typing into a field: "/" is then just a character. */
const typing = (el: Element | null) => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);

/**
 * Find a street, substation, feeder, station, stop or bus by name and fly to it (an ARIA
 * combobox: "/" focuses it, arrows move, Enter goes, Escape clears).
 */
export function SearchBox() {
  const t = useTranslations('search');
  const { flyTo } = useRoomFocus();
  const segments = useQuery(networkQuery).data?.segments;
  const grid = useQuery(gridNetworkQuery).data;
  const transit = useQuery(transitNetworkQuery).data;
  // Snapshots, not their items: items are written in place, each version is a new snapshot.
  const air = useLayerSnapshot('air');
  const buses = useLayerSnapshot('transit');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();

  // Static things are indexed once; stations and buses with their layer's live set.
  const index = useMemo(() => buildSearchIndex({ segments, grid, transit, air: air?.items, buses: buses?.items }, { bus: (id, route) => t('busLabel', { id, route }) }), [segments, grid, transit, air, buses, t]);
  const results = useMemo(() => searchEntries(index, query), [index, query]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) return;
      e.preventDefault();
      inputRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const go = (e: SearchEntry) => {
    flyTo(e.bounds ? { bounds: e.bounds } : { center: e.center, zoom: 16 }, e.feature);
    setQuery(e.label);
    setOpen(false);
  };

  const shown = open && query.trim() !== '';
  return (
    <div className={styles.search}>
      <input
        ref={inputRef}
        className={styles.input}
        type="search"
        role="combobox"
        aria-label={t('label')}
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && results[active] ? `${listId}-${active}` : undefined}
        placeholder={t('placeholder')}
        value={query}
        data-testid="search-input"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, Math.max(0, results.length - 1)));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && results[active]) {
            e.preventDefault();
            go(results[active]);
          } else if (e.key === 'Escape') {
            // Escape here clears the search, not the selection panel too.
            e.stopPropagation();
            e.nativeEvent.stopImmediatePropagation();
            setQuery('');
            setOpen(false);
          }
        }}
      />
      {shown ? (
        <ul id={listId} role="listbox" className={styles.results} data-testid="search-results">
          {results.length === 0 ? <li className={styles.none}>{t('none')}</li> : null}
          {results.map((r, i) => (
            <li
              key={r.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? `${styles.option} ${styles.active}` : styles.option}
              // Before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                go(r);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className={styles.label}>{r.label}</span>
              <span className={styles.kind}>{t(`kind.${r.feature.kind}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
