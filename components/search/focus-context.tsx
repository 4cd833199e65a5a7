'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { FeatureRef } from '../layers/features';
import type { MapFocus } from '../map/focus';

/** What the map shows in detail and where it looks: shared by the map, the search and the alerts. */
export interface RoomFocus {
  selection: FeatureRef | null;
  select: (feature: FeatureRef | null) => void;
  focus: MapFocus | null;
  /** Fly the map to a place (and select what is there, when given). */
  flyTo: (target: Omit<MapFocus, 'seq'>, feature?: FeatureRef) => void;
}

const RoomFocusContext = createContext<RoomFocus | null>(null);

export function FocusProvider({ children }: { children: ReactNode }) {
  const [selection, setSelection] = useState<FeatureRef | null>(null);
  const [focus, setFocus] = useState<MapFocus | null>(null);
  const flyTo = useCallback((target: Omit<MapFocus, 'seq'>, feature?: FeatureRef) => {
    setFocus((prev) => ({ ...target, seq: (prev?.seq ?? 0) + 1 }));
    if (feature) setSelection(feature);
  }, []);
  const value = useMemo(() => ({ selection, select: setSelection, focus, flyTo }), [selection, focus, flyTo]);
  return <RoomFocusContext.Provider value={value}>{children}</RoomFocusContext.Provider>;
}

export function useRoomFocus(): RoomFocus {
  const v = useContext(RoomFocusContext);
  if (!v) throw new Error('useRoomFocus needs a FocusProvider above it');
  return v;
}
