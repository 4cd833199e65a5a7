import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { areaSchema } from '@/lib/protocol/socket';
import { clampArea, setLiveArea } from './area';
import { liveKeys } from './keys';

describe('the live area', () => {
  it('is written to the cache for LiveConnection to follow', () => {
    const qc = new QueryClient();
    setLiveArea(qc, { west: 8.7, south: 51.0, east: 8.9, north: 51.2 });
    expect(qc.getQueryData(liveKeys.area)).toEqual({ west: 8.7, south: 51.0, east: 8.9, north: 51.2 });
  });

  it('is null for the whole city', () => {
    const qc = new QueryClient();
    setLiveArea(qc, null);
    expect(qc.getQueryData(liveKeys.area)).toBeNull();
  });

  it('clamps map bounds past the world edges into what the protocol accepts', () => {
    const a = clampArea({ west: -200, south: -89, east: 250, north: 89 });
    expect(a).toEqual({ west: -180, south: -85.06, east: 180, north: 85.06 });
    expect(areaSchema.safeParse(a).success).toBe(true);
  });
});
