import { isOverloaded } from '@/lib/map/grid-colours';
import { aqiLevelKey } from '@/lib/map/legends';
import type { LayerItem, LayerName } from '@/lib/protocol/layers';
import type { Translator } from '../control-room/locale-format';

/**
 * One line on what a layer holds now, for its entry in the layer panel, e.g. "80 feeders · 2
 * overloaded". Null when the layer has no items: the panel then says there is no data yet.
 */
export function layerSummary<L extends LayerName>(t: Translator<'layers'>, layer: L, items: Readonly<Record<string, LayerItem<L>>>): string | null {
  const all = Object.values(items) as LayerItem[];
  if (all.length === 0) return null;
  switch (layer) {
    case 'traffic':
      return t('summary.traffic', { count: all.length });
    case 'grid': {
      const grid = all as LayerItem<'grid'>[];
      const feeders = grid.filter((g) => g.kind === 'feeder');
      const over = feeders.filter((f) => f.kind === 'feeder' && isOverloaded(f.utilisation)).length;
      const subs = grid.filter((g) => g.kind === 'substation').length;
      return t('summary.grid', { substations: subs, feeders: feeders.length, overloaded: over });
    }
    case 'air': {
      const air = all as LayerItem<'air'>[];
      const worst = air.reduce((a, b) => (b.aqi > a.aqi ? b : a));
      return t('summary.air', {
        count: air.length,
        aqi: worst.aqi,
        level: t(`aqiLevel.${worst.aqiStandard}.${aqiLevelKey(worst.aqiLevel)}`),
        name: worst.name,
      });
    }
    case 'transit': {
      const buses = all as LayerItem<'transit'>[];
      const late = buses.filter((b) => b.delayS >= 300).length;
      return t('summary.transit', { count: buses.length, late });
    }
    case 'incidents': {
      const incidents = all as LayerItem<'incidents'>[];
      const high = incidents.filter((i) => i.severity === 'high').length;
      return t('summary.incidents', { count: incidents.length, high });
    }
    case 'weather':
      return t('summary.weather', { count: all.length });
    default:
      return null;
  }
}
