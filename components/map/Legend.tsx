import { getTranslator } from '@/lib/i18n/request';
import { trafficLegend } from '@/lib/map/legends';
import { LegendGroups } from '../layers/LegendGroups';

/** What the traffic colours mean: the same bands the map draws with, plus grey for no data. Server-rendered, in the request's language. */
export async function Legend() {
  return <LegendGroups groups={trafficLegend(await getTranslator('layers'))} id="legend-traffic" testId="legend" />;
}
