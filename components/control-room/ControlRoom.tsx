'use client';

import { useCallback, useEffect, useState } from 'react';
import { SelectionPanel } from '../details/SelectionPanel';
import { LayerPanel, type LayerLegends } from '../layers/LayerPanel';
import { defaultVisibility, type ToggleId, type Visibility } from '../layers/visibility';
import { MapLoader } from '../map/MapLoader';
import { useRoomFocus } from '../search/focus-context';
import { Timeline } from '../timeline/Timeline';

interface Props {
  styleUrl: string | null;
  /** The layers' legends, rendered on the server. */
  legends: LayerLegends;
}

/** The map, the layer panel and the detail panel share UI state: what is shown and what is selected. */
export function ControlRoom({ styleUrl, legends }: Props) {
  // Selection and map focus live in the FocusProvider: the search and the alerts set them too.
  const { selection, select: setSelection, focus } = useRoomFocus();
  const [visibility, setVisibility] = useState<Visibility>(defaultVisibility);
  const close = useCallback(() => setSelection(null), [setSelection]);
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
      <MapLoader styleUrl={styleUrl} selection={selection} onSelect={setSelection} visibility={visibility} focus={focus} />
      <LayerPanel visibility={visibility} onToggle={toggle} legends={legends} />
      <Timeline />
      {selection ? <SelectionPanel selection={selection} onClose={close} /> : null}
    </>
  );
}
