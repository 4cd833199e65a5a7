import type { IncidentKind } from '../protocol/incidents';
import type { Rgb } from './colour-vision';

/**
 * The map's icons, drawn as one SVG atlas (no image files to serve or cache): a direction arrow
 * and a battery, used as masks tinted per object, and one full-colour sign per incident kind.
 * Incident kinds differ in shape as well as colour (triangle, circle, diamond, square), so
 * nobody has to tell them apart by hue.
 */
export const ICON_SIZE = 64;

export interface IncidentStyle {
  kind: IncidentKind;
  label: string;
  rgb: Rgb;
  shape: 'triangle' | 'circle' | 'diamond' | 'square';
}

export const incidentStyles: Record<IncidentKind, IncidentStyle> = {
  crash: { kind: 'crash', label: 'Crash', rgb: [214, 39, 40], shape: 'triangle' },
  breakdown: { kind: 'breakdown', label: 'Breakdown', rgb: [240, 228, 66], shape: 'circle' },
  roadworks: { kind: 'roadworks', label: 'Roadworks', rgb: [255, 140, 0], shape: 'diamond' },
  event: { kind: 'event', label: 'Event', rgb: [60, 140, 230], shape: 'square' },
};
export const incidentKinds = Object.keys(incidentStyles) as IncidentKind[];

const hex = (c: Rgb) => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
const OUTLINE = '#0b0f14';

/** Each icon's SVG, drawn in a 64 × 64 box, pointing up (north) where it has a direction. */
const iconBodies = {
  arrow: '<path d="M32 4 L56 58 L32 44 L8 58 Z" fill="#fff"/>',
  battery: '<rect x="12" y="14" width="40" height="44" rx="6" fill="#fff"/><rect x="24" y="6" width="16" height="10" rx="3" fill="#fff"/>',
  crash: `<path d="M32 4 L61 58 L3 58 Z" fill="${hex(incidentStyles.crash.rgb)}" stroke="${OUTLINE}" stroke-width="3" stroke-linejoin="round"/><rect x="28" y="22" width="8" height="20" rx="2" fill="#fff"/><circle cx="32" cy="49" r="4.5" fill="#fff"/>`,
  breakdown: `<circle cx="32" cy="32" r="28" fill="${hex(incidentStyles.breakdown.rgb)}" stroke="${OUTLINE}" stroke-width="3"/><path d="M20 44 L38 26" stroke="${OUTLINE}" stroke-width="7" stroke-linecap="round"/><circle cx="41" cy="23" r="8" fill="${OUTLINE}"/><circle cx="44" cy="20" r="4" fill="${hex(incidentStyles.breakdown.rgb)}"/>`,
  roadworks: `<path d="M32 2 L62 32 L32 62 L2 32 Z" fill="${hex(incidentStyles.roadworks.rgb)}" stroke="${OUTLINE}" stroke-width="3" stroke-linejoin="round"/><rect x="17" y="27" width="30" height="8" fill="${OUTLINE}"/><rect x="21" y="35" width="4" height="10" fill="${OUTLINE}"/><rect x="39" y="35" width="4" height="10" fill="${OUTLINE}"/>`,
  event: `<rect x="4" y="4" width="56" height="56" rx="8" fill="${hex(incidentStyles.event.rgb)}" stroke="${OUTLINE}" stroke-width="3"/><path d="M32 13 L37 27 L52 27 L40 36 L44 50 L32 41 L20 50 L24 36 L12 27 L27 27 Z" fill="#fff"/>`,
} as const;
export type IconName = keyof typeof iconBodies;
const iconNames = Object.keys(iconBodies) as IconName[];
/** Tinted by the layer's getColor rather than drawn in their own colours. */
const maskIcons: ReadonlySet<IconName> = new Set(['arrow', 'battery']);

/** Where each icon sits in the atlas, in deck.gl IconLayer's iconMapping form. */
export const iconMapping: Record<IconName, { x: number; y: number; width: number; height: number; mask: boolean }> = Object.fromEntries(
  iconNames.map((name, i) => [name, { x: i * ICON_SIZE, y: 0, width: ICON_SIZE, height: ICON_SIZE, mask: maskIcons.has(name) }]),
) as Record<IconName, { x: number; y: number; width: number; height: number; mask: boolean }>;

/** The atlas SVG: every icon side by side in one row. */
export function iconAtlasSvg(): string {
  const w = ICON_SIZE * iconNames.length;
  const body = iconNames.map((name, i) => `<g transform="translate(${i * ICON_SIZE} 0)">${iconBodies[name]}</g>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${ICON_SIZE}" viewBox="0 0 ${w} ${ICON_SIZE}">${body}</svg>`;
}

/** The atlas as a data URL for IconLayer's iconAtlas. */
export const iconAtlasUrl = () => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(iconAtlasSvg())}`;

/** A single icon as a data URL, for legends in the DOM; mask icons take the tint the map gives them. */
export function iconDataUrl(name: IconName, tint?: Rgb): string {
  const body = tint && maskIcons.has(name) ? iconBodies[name].replaceAll('#fff', hex(tint)) : iconBodies[name];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${ICON_SIZE}" height="${ICON_SIZE}" viewBox="0 0 ${ICON_SIZE} ${ICON_SIZE}">${body}</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * deck.gl's IconLayer angle for a compass bearing. Bearings turn clockwise from north; deck.gl
 * turns icons counter-clockwise, and the arrow is drawn pointing north, so it is the negation,
 * kept in [0, 360).
 */
export function iconAngle(bearingDeg: number): number {
  return (360 - (bearingDeg % 360)) % 360;
}
