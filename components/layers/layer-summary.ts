import { aqiLevelStyle } from '@/lib/map/aqi-palette';
import { isOverloaded } from '@/lib/map/grid-colours';
import type { LayerItem, LayerName } from '@/lib/protocol/layers';

/**
 * One line on what a layer holds now, for its entry in the layer panel, e.g. "80 feeders · 2
 * overloaded". Null when the layer has no items: the panel then says there is no data yet.
 */
export function layerSummary<L extends LayerName>(layer: L, items: Readonly<Record<string, LayerItem<L>>>): string | null {
  const all = Object.values(items) as LayerItem[];
  if (all.length === 0) return null;
  switch (layer) {
    case 'traffic':
      return `${all.length.toLocaleString('en-GB')} segments reporting`;
    case 'grid': {
      const grid = all as LayerItem<'grid'>[];
      const feeders = grid.filter((g) => g.kind === 'feeder');
      const over = feeders.filter((f) => f.kind === 'feeder' && isOverloaded(f.utilisation)).length;
      const subs = grid.filter((g) => g.kind === 'substation').length;
      return `${subs} substations · ${feeders.length} feeders · ${over} overloaded`;
    }
    case 'air': {
      const air = all as LayerItem<'air'>[];
      const worst = air.reduce((a, b) => (b.aqi > a.aqi ? b : a));
      return `${air.length} stations · worst AQI ${worst.aqi} (${aqiLevelStyle(worst.aqiLevel).names[worst.aqiStandard]}) at ${worst.name}`;
    }
    case 'transit': {
      const buses = all as LayerItem<'transit'>[];
      const late = buses.filter((b) => b.delayS >= 300).length;
      return `${buses.length} buses · ${late} over 5 min late`;
    }
    case 'incidents': {
      const incidents = all as LayerItem<'incidents'>[];
      const high = incidents.filter((i) => i.severity === 'high').length;
      return `${incidents.length} active · ${high} high severity`;
    }
    case 'weather':
      return `${all.length} weather station${all.length === 1 ? '' : 's'}`;
    default:
      return null;
  }
}
