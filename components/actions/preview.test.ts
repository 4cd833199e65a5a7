import { describe, expect, it } from 'vitest';
import type { LonLat } from '@/lib/domain/road';
import type { ActionTarget } from '@/lib/protocol/actuation';
import { focusOf, previewOf, type PreviewSources } from './preview';
import { actionPreviewLayers, ACTION_PREVIEW_PATH_LAYER_ID } from './preview-layers';

const segments: Record<string, LonLat[]> = {
  s1: [
    [10, 50],
    [10.01, 50],
  ],
  s2: [
    [10.01, 50],
    [10.02, 50.01],
  ],
};
const feeders: Record<string, LonLat[]> = {
  F1: [
    [9, 49],
    [9.01, 49],
  ],
};
const sources: PreviewSources = { segmentPath: (id) => segments[id], feederPath: (id) => feeders[id] };
const corridor: ActionTarget = { kind: 'corridor', id: 's1', name: 'High Street', location: [10, 50], segments: ['s1', 's2'] };

describe('previewOf', () => {
  it('draws the segments a corridor plan changes', () => {
    expect(previewOf('a', corridor, sources).paths).toEqual([segments.s1, segments.s2]);
  });

  it('draws a feeder target as its feeder', () => {
    const feeder: ActionTarget = { kind: 'feeder', id: 'F1', name: 'North 1', location: [9, 49], segments: [] };
    expect(previewOf('a', feeder, sources).paths).toEqual([feeders.F1]);
  });

  it('leaves out ids the map does not know', () => {
    expect(previewOf('a', { ...corridor, segments: ['s1', 'nope'] }, sources).paths).toHaveLength(1);
  });
});

describe('focusOf', () => {
  it('frames the changed paths', () => {
    expect(focusOf(previewOf('a', corridor, sources))).toEqual({ bounds: [10, 50, 10.02, 50.01] });
  });

  it('flies to the target when no path is known', () => {
    expect(focusOf(previewOf('a', { ...corridor, segments: [] }, sources))).toEqual({ center: [10, 50], zoom: 16 });
  });
});

describe('actionPreviewLayers', () => {
  it('keeps its layers with stable ids, hidden, when nothing is previewed', () => {
    const [path, point] = actionPreviewLayers(null, undefined);
    expect([path.id, path.props.visible, point.props.visible]).toEqual([ACTION_PREVIEW_PATH_LAYER_ID, false, false]);
  });

  it('hands deck.gl the same data arrays while the same action is previewed', () => {
    const preview = previewOf('a', corridor, sources);
    const [a1, b1] = actionPreviewLayers(preview, undefined);
    const [a2, b2] = actionPreviewLayers(preview, undefined);
    expect([a1.props.data === a2.props.data, b1.props.data === b2.props.data]).toEqual([true, true]);
  });
});
