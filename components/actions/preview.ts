import type { ActionTarget } from '@/lib/protocol/actuation';
import type { LonLat } from '@/lib/domain/road';
import { boundsOfPaths, type Bbox } from '@/lib/map/bounds';

/** What the map draws for a previewed action: the paths that change and the target's place. */
export interface ActionPreview {
  id: string;
  paths: LonLat[][];
  /** The target's place, as a one-point array: the layer's data, kept with the preview. */
  points: [LonLat];
}

/** Paths by id: the road network's segments, and the grid's feeders. */
export interface PreviewSources {
  segmentPath: (id: string) => readonly LonLat[] | undefined;
  feederPath: (id: string) => readonly LonLat[] | undefined;
}

/**
 * The paths a target changes: a feeder target's feeder (its own id when it lists none), otherwise
 * the segments it names (a corridor, an intersection's approaches, a restricted area). Ids the
 * map does not know (yet) are left out rather than guessed.
 */
export function previewOf(id: string, target: ActionTarget, sources: PreviewSources): ActionPreview {
  const isFeeder = target.kind === 'feeder';
  const ids = target.segments.length ? target.segments : isFeeder ? [target.id] : [];
  const paths: LonLat[][] = [];
  for (const t of ids) {
    const p = isFeeder ? sources.feederPath(t) : sources.segmentPath(t);
    if (p) paths.push([...p]);
  }
  return { id, paths, points: [target.location] };
}

/** Where to fly for a preview: the box around its paths, or its place. */
export function focusOf(preview: ActionPreview): { bounds: Bbox } | { center: LonLat; zoom: number } {
  const box = boundsOfPaths(preview.paths);
  return box ? { bounds: box } : { center: preview.points[0], zoom: 16 };
}
