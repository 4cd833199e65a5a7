/**
 * Builds the air surface off the main thread: at 1,000 sensors inverse-distance weighting took
 * 210–240 ms in Chromium (bench/map-scale), a long task every time the air layer moves. Answers
 * each request with its id and the image, whose pixels are transferred, not copied.
 */
import { buildAirSurface } from '@/lib/map/air-surface';
import type { SurfaceReply, SurfaceRequest } from './air-surface-messages';

// The worker's global scope; typed by hand, as the project's lib is the DOM's, not WebWorker's.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<SurfaceRequest>) => void) | null;
  postMessage: (reply: SurfaceReply, transfer: Transferable[]) => void;
};

scope.onmessage = (e) => {
  const surface = buildAirSurface(e.data.stations);
  scope.postMessage({ id: e.data.id, surface }, surface ? [surface.pixels.buffer] : []);
};
