'use client';

import { useCallback, useEffect, useState } from 'react';
import { SelectionPanel } from '../details/SelectionPanel';
import type { FeatureRef } from '../layers/features';
import { LayerPanel, type LayerLegends } from '../layers/LayerPanel';
import { defaultVisibility, type ToggleId, type Visibility } from '../layers/visibility';
import { MapLoader } from '../map/MapLoader';

interface Props {
  styleUrl: string | null;
  /** The layers' legends, rendered on the server. */
  legends: LayerLegends;
}

/** The map, the layer panel and the detail panel share UI state: what is shown and what is selected. */
export function ControlRoom({ styleUrl, legends }: Props) {
  const [selection, setSelection] = useState<FeatureRef | null>(null);
  const [visibility, setVisibility] = useState<Visibility>(defaultVisibility);
  const close = useCallback(() => setSelection(null), []);
  const toggle = useCallback((id: ToggleId, on: boolean) => setVisibility((v) => ({ ...v, [id]: on })), []);

  useEffect(() => {
    if (!selection) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [selection, close]);

  return (
    <>
      <MapLoader styleUrl={styleUrl} selection={selection} onSelect={setSelection} visibility={visibility} />
      <LayerPanel visibility={visibility} onToggle={toggle} legends={legends} />
      {selection ? <SelectionPanel selection={selection} onClose={close} /> : null}
    </>
  );
}
