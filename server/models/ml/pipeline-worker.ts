import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { runPipeline } from './pipeline';
import { reportOf, type PipelineJob } from './pipeline-thread';
import { Profile } from './profile';

/**
 * The training pipeline in a worker thread (started by pipeline-thread.ts): fits, calibrates and
 * scores every family on the job's panel, then posts back what the registry stores (artefacts,
 * calibrations, metrics); the model services' event loop stays free for requests meanwhile.
 */
// On Linux the nice value is per thread: this one yields the CPU to the event loop that answers
// requests (2 cores, shared), and training only gets slower when both want it.
setPriority(0, 10);

const job = (workerData as { job: PipelineJob }).job;
const { profile, ...options } = job.options;
runPipeline(job.spec, job.panel, job.weather, job.neighbours, { ...options, profile: profile ? new Profile(profile.ids, profile.slotMs, profile.slots) : undefined })
  .then((result) => parentPort?.postMessage({ ok: true, report: reportOf(result) }))
  .catch((err: unknown) => parentPort?.postMessage({ ok: false, error: err instanceof Error ? err.message : String(err) }));
