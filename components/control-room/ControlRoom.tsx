'use client';

import { useCallback, useEffect, useState } from 'react';
import { MapLoader } from '../map/MapLoader';
import { SegmentPanel } from '../segment/SegmentPanel';

/** The map and the segment panel share one piece of UI state: which segment is selected. */
export function ControlRoom({ styleUrl }: { styleUrl: string | null }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const close = useCallback(() => setSelectedId(null), []);

  useEffect(() => {
    if (!selectedId) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selectedId, close]);

  return (
    <>
      <MapLoader styleUrl={styleUrl} selectedId={selectedId} onSelect={setSelectedId} />
      {selectedId ? <SegmentPanel segmentId={selectedId} onClose={close} /> : null}
    </>
  );
}
