import { describe, expect, it } from 'vitest';
import { incidentLayers, incidentSizePx, INCIDENTS_LAYER_ID, type IncidentLayersInput } from './incident-layers';
import { incident } from './layer-fixtures';

function input(over: Partial<IncidentLayersInput> = {}): IncidentLayersInput {
  return { incidents: [{ ...incident('roadworks'), id: 'I1' }], version: 2, visible: true, dimmed: false, beforeId: undefined, ...over };
}

describe('incident layers', () => {
  it('pick the icon of each incident kind', () => {
    const [layer] = incidentLayers(input());
    const getIcon = layer.props.getIcon as (i: { kind: string }) => string;
    expect(['crash', 'breakdown', 'roadworks', 'event'].map((kind) => getIcon({ kind }))).toEqual(['crash', 'breakdown', 'roadworks', 'event']);
  });

  it('draw more severe incidents larger', () => {
    expect(incidentSizePx.high).toBeGreaterThan(incidentSizePx.medium);
    expect(incidentSizePx.medium).toBeGreaterThan(incidentSizePx.low);
  });

  it('keep one stable, pickable layer that hides when switched off', () => {
    const [on] = incidentLayers(input());
    const [off] = incidentLayers(input({ visible: false }));
    expect([on.id, off.id]).toEqual([INCIDENTS_LAYER_ID, INCIDENTS_LAYER_ID]);
    expect(on.props.pickable).toBe(true);
    expect(off.props.visible).toBe(false);
  });
});
