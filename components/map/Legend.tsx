import { trafficLegend } from '@/lib/map/legends';
import { LegendGroups } from '../layers/LegendGroups';

/** What the traffic colours mean: the same bands the map draws with, plus grey for no data. */
export function Legend() {
  return <LegendGroups groups={trafficLegend()} id="legend-traffic" testId="legend" />;
}
