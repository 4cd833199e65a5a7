const points = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];
const names = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west'];

/** Eight-point compass name of a direction in degrees clockwise from north, e.g. "SW". */
export function compassPoint(deg: number): string {
  return points[Math.round((((deg % 360) + 360) % 360) / 45) % 8];
}
/** The same, spelt out for screen readers, e.g. "south-west". */
export function compassName(deg: number): string {
  return names[Math.round((((deg % 360) + 360) % 360) / 45) % 8];
}

/**
 * Rotation of an up-pointing arrow that shows where the wind goes: weather reports give the
 * direction it blows from, so the arrow points the opposite way (CSS rotation, clockwise).
 */
export function windArrowRotation(fromDeg: number): number {
  return (((fromDeg + 180) % 360) + 360) % 360;
}

/** Rain intensity in words, after the usual rate classes (light < 2.5, moderate < 7.6, heavy < 50 mm/h). */
export function rainLabel(mmPerHour: number): string {
  if (mmPerHour <= 0) return 'Dry';
  if (mmPerHour < 2.5) return 'Light rain';
  if (mmPerHour < 7.6) return 'Moderate rain';
  if (mmPerHour < 50) return 'Heavy rain';
  return 'Violent rain';
}

/**
 * Sunshine in words from global irradiance. 120 W/m² is the WMO threshold for bright sunshine
 * (direct beam); global irradiance above it is a rough proxy, fine for a readout.
 */
export function sunshineLabel(wm2: number): string {
  if (wm2 < 5) return 'Dark';
  if (wm2 < 120) return 'Dull';
  if (wm2 < 500) return 'Sunny spells';
  return 'Bright sun';
}
