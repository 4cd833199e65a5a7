'use client';

import type { FeatureRef } from '../layers/features';
import { SegmentPanel } from '../segment/SegmentPanel';
import { FeaturePanel } from './FeaturePanel';

/** The detail panel of whatever is selected on the map. */
export function SelectionPanel({ selection, onClose }: { selection: FeatureRef; onClose: () => void }) {
  return selection.kind === 'segment' ? (
    <SegmentPanel segmentId={selection.id} onClose={onClose} />
  ) : (
    <FeaturePanel feature={selection} onClose={onClose} />
  );
}
