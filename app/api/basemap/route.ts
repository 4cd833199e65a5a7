import { basemapSchema } from '@/lib/protocol/basemap';
import { fromModels } from '../_lib/models';

export const dynamic = 'force-dynamic';

/** GET /api/basemap: the city's own basemap (GeoJSON), validated with basemapSchema. */
export function GET(): Promise<Response> {
  return fromModels('/v1/city/basemap', basemapSchema, 'basemap');
}
