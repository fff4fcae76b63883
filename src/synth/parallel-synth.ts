import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { SparkPlatform } from '../constructs/spark-platform';
import { loadPlatformFile } from '../spec/loader';
import { Platform } from '../spec/platform';
import { packageRoot } from '../sync/materializer-script';
import { StagedDist, writeManifest } from './dist-writer';
import { ManifestValidationError, PlatformApp, platformCharts, RenderedFile, renderChartFile, throwOnViolations } from './platform-app';

/** Below this many namespaces a worker thread costs more (its own start-up) than it saves. */
export const PARALLEL_MIN_CHARTS = 50;

export interface SynthPlatformOptions {
  /** The spec file. */
  readonly specFile: string;
  /** How messages name the spec. @default - `specFile` */
  readonly displayName?: string;
  /** @default - `CDK8S_OUTDIR`, else "dist" */
  readonly outdir?: string;
  /**
   * Worker threads that build, validate and write their share of the namespaces beside the main thread.
   * @default - one per spare CPU core, when there are at least PARALLEL_MIN_CHARTS namespaces
   */
  readonly workers?: number;
}

/** The work of one thread: every `count`-th chart, starting at `index`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** What a shard reports back: its files (without their text, already written) and their chart positions. */
export interface ShardResult {
  readonly files: (Omit<RenderedFile, 'yaml'> & { readonly position: number })[];
}

/**
 * `npm run synth`: loads the spec, builds the platform, and writes one validated file per namespace
 * into `outdir`, replacing it in one step. Serializing YAML dominates at fleet scale, so on a machine
 * with spare cores worker threads each build the same platform and render, validate and write every
 * n-th namespace; the main thread does its share and swaps the folder in once all succeeded. Files
 * are the same bytes whichever thread writes them.
 */
export async function synthPlatform(options: SynthPlatformOptions): Promise<Platform> {
  const outdir = options.outdir ?? process.env.CDK8S_OUTDIR ?? 'dist';
  const displayName = options.displayName ?? options.specFile;
  const platform = loadPlatformFile(options.specFile, displayName);
  const { app, charts } = buildPlatform(platform, outdir);
  const workers = options.workers ?? (charts >= PARALLEL_MIN_CHARTS ? Math.max(0, (os.availableParallelism?.() ?? os.cpus().length) - 1) : 0);
  const staging = new StagedDist(outdir);
  try {
    const count = workers + 1;
    const results = Array.from({ length: workers }, (_, i) => runShardWorker({
      specFile: path.resolve(options.specFile), displayName, outdir, stagingDir: staging.dir, shard: { index: i + 1, count },
    }));
    const own = renderShard(app, { index: 0, count }, staging.dir);
    const all = [own, ...(await Promise.all(results))].flatMap(r => r.files).sort((a, b) => a.position - b.position);
    throwOnViolations(all);
    staging.commit();
  } finally {
    staging.discard();
  }
  return platform;
}

/** The platform's app and how many charts (namespaces) it has. */
export function buildPlatform(platform: Platform, outdir: string): { app: PlatformApp; charts: number } {
  const app = new PlatformApp({ outdir });
  new SparkPlatform(app, 'platform', { platform });
  return { app, charts: platformCharts(app).length };
}

/** Renders, validates and writes the shard's charts into the staging folder. */
export function renderShard(app: PlatformApp, shard: Shard, stagingDir: string): ShardResult {
  const files: ShardResult['files'] = [];
  platformCharts(app).forEach((chart, position) => {
    if (position % shard.count !== shard.index) return;
    const { yaml, ...rendered } = renderChartFile(chart, { validate: app.validate, outdir: app.outdir });
    writeManifest(stagingDir, rendered.name, yaml);
    files.push({ ...rendered, position });
  });
  return { files };
}

/** What a worker needs to rebuild the same platform and render its shard. */
export interface ShardJob {
  readonly specFile: string;
  readonly displayName: string;
  readonly outdir: string;
  readonly stagingDir: string;
  readonly shard: Shard;
}

function runShardWorker(job: ShardJob): Promise<ShardResult> {
  // Workers start from plain JavaScript: under a TypeScript loader (sucrase via bin/, ts-jest) load
  // the package's own transpile-only loader first, as bin/ does.
  const worker = path.join(__dirname, `shard-worker${path.extname(__filename)}`);
  const loader = __filename.endsWith('.ts') ? `require(${JSON.stringify(path.join(packageRoot(), 'bin', 'register.js'))});` : '';
  return new Promise((resolve, reject) => {
    const thread = new Worker(`${loader}require(${JSON.stringify(worker)});`, { eval: true, workerData: job });
    let settled = false;
    thread.once('message', (message: { result?: ShardResult; error?: { message: string; violations?: ManifestValidationError['violations'] } }) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(message.error?.violations ? new ManifestValidationError(message.error.violations) : new Error(message.error?.message));
    });
    thread.once('error', e => { settled = true; reject(e); });
    thread.once('exit', code => { if (!settled) reject(new Error(`synth worker for shard ${job.shard.index} exited with code ${code} without a result`)); });
  });
}
