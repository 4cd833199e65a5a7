/** Test fixture: a handmade roads GeoJSON with the mess real data has. A function, so each test gets its own. */

/** A 3 × 3 lattice of positions about 100 m apart (Monaco's latitude). */
export const at = (col: number, row: number): [number, number] => [7.42 + col * 0.00125, 43.73 + row * 0.0009];
export const line = (props: Record<string, unknown> | null, ...coords: unknown[]) => ({ type: 'Feature', properties: props, geometry: { type: 'LineString', coordinates: coords } });

/**
 * A small town: a ring of streets (north side one-way eastbound, south side drawn west→east but
 * oneway=-1), a main street across the middle, an untagged cross street, and a spur further east
 * joined through a zero-length piece. Then the mess: a footway, a one-way dead end, an island,
 * and broken features.
 */
export function town(extra: unknown[] = []) {
  const features = [
    line({ highway: 'residential', name: 'North Row', oneway: 'yes' }, at(0, 2), at(1, 2), at(2, 2)),
    line({ highway: 'residential', name: 'South Row', oneway: '-1' }, at(0, 0), at(1, 0), at(2, 0)),
    line({ highway: 'tertiary', name: 'West Lane' }, at(0, 0), at(0, 1), at(0, 2)),
    line({ highway: 'tertiary', name: 'East Lane', maxspeed: '30 mph' }, at(2, 0), at(2, 1), at(2, 2)),
    { ...line({ highway: 'primary', name: 'Main Street', lanes: 4, maxspeed: '50' }, at(0, 1), at(1, 1), at(2, 1)), id: 'way/100' },
    line({ highway: 'residential' }, at(1, 0), at(1, 1), at(1, 2)),
    line(null, at(2, 1), [at(2, 1)[0] + 1e-7, at(2, 1)[1]]),
    line({ highway: 'secondary', name: 'Harbour Road' }, [at(2, 1)[0] + 1e-7, at(2, 1)[1]], at(3, 1)),
    line({ highway: 'footway', name: 'Garden Path' }, at(0, 0), at(1, 1)),
    line({ highway: 'residential', name: 'Dead End', oneway: 'yes' }, at(1, 2), at(1, 3)),
    line({ highway: 'residential', name: 'Island Street' }, at(5, 5), at(6, 5)),
    ...extra,
  ];
  return JSON.stringify({ type: 'FeatureCollection', features });
}
