import { describe, expect, it } from 'vitest';
import { iconAngle, iconAtlasSvg, iconAtlasUrl, iconDataUrl, iconMapping, ICON_SIZE, incidentKinds, incidentStyles } from './icons';

describe('icon angles', () => {
  it('turns the north-pointing arrow counter-clockwise by the negated bearing', () => {
    expect(iconAngle(0)).toBe(0);
    expect(iconAngle(90)).toBe(270);
    expect(iconAngle(180)).toBe(180);
    expect(iconAngle(270)).toBe(90);
  });

  it('treats 360 as north', () => {
    expect(iconAngle(360)).toBe(0);
  });
});

describe('the icon atlas', () => {
  it('maps every icon to its own square, side by side', () => {
    const boxes = Object.values(iconMapping);
    expect(new Set(boxes.map((b) => b.x)).size).toBe(boxes.length);
    for (const b of boxes) expect([b.width, b.height, b.y]).toEqual([ICON_SIZE, ICON_SIZE, 0]);
  });

  it('is wide enough to hold every mapped icon', () => {
    const width = Number(/width="(\d+)"/.exec(iconAtlasSvg())?.[1]);
    expect(width).toBe(ICON_SIZE * Object.keys(iconMapping).length);
  });

  it('tints the arrow and battery but draws incident signs in their own colours', () => {
    expect(iconMapping.arrow.mask).toBe(true);
    expect(iconMapping.battery.mask).toBe(true);
    for (const k of incidentKinds) expect(iconMapping[k].mask).toBe(false);
  });

  it('has an icon for every incident kind, each of its own shape', () => {
    for (const k of incidentKinds) expect(iconMapping[k]).toBeDefined();
    expect(new Set(incidentKinds.map((k) => incidentStyles[k].shape)).size).toBe(incidentKinds.length);
  });

  it('is an SVG data URL that loaders recognise', () => {
    expect(iconAtlasUrl()).toMatch(/^data:image\/svg\+xml/);
  });
});

describe('legend icons', () => {
  it('tint mask icons with the colour the map gives them', () => {
    expect(decodeURIComponent(iconDataUrl('battery', [120, 230, 140]))).toContain('#78e68c');
  });

  it('keep incident signs in their own colours', () => {
    expect(decodeURIComponent(iconDataUrl('crash', [1, 2, 3]))).not.toContain('#010203');
  });
});
