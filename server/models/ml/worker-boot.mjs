// Entry of the model services' worker threads. A worker does not always inherit a TypeScript
// loader (vitest runs the server without tsx; `npm start` and dev pass `--import tsx`): register
// tsx here in every case, then load the TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
