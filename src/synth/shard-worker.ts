import { parentPort, workerData } from 'worker_threads';
import { loadPlatformFile } from '../spec/loader';
import { ManifestValidationError } from './platform-app';
import { buildPlatform, renderShard, ShardJob } from './parallel-synth';

// A synth worker thread (see parallel-synth.ts): rebuilds the same platform from the same spec and
// renders, validates and writes its shard of the namespaces into the shared staging folder.
const job = workerData as ShardJob;
try {
  const { app } = buildPlatform(loadPlatformFile(job.specFile, job.displayName), job.outdir);
  parentPort!.postMessage({ result: renderShard(app, job.shard, job.stagingDir) });
} catch (e) {
  const violations = e instanceof ManifestValidationError ? e.violations : undefined;
  parentPort!.postMessage({ error: { message: (e as Error).message, violations } });
}
