import * as fs from 'fs';
import * as path from 'path';
import layoutJson from '../../image/layout.json';
import { REPO } from './context';
import { HarnessError, run } from './processes';
import { CACHE_DIR } from './tools';

/** image/layout.json: the unified image's paths, user, env and entrypoint (the one source of truth). */
export interface ImageLayout {
  readonly sparkHome: string;
  readonly sparkJars: string;
  readonly workDir: string;
  readonly sparkEntrypoint: string;
  readonly appHome: string;
  readonly bootstrap: string;
  readonly materializer: string;
  readonly tini: string;
  readonly user: { readonly name: string; readonly uid: number; readonly group: string; readonly gid: number };
  readonly entrypoint: readonly string[];
  readonly roleEnv: string;
  readonly env: Readonly<Record<string, string>>;
  readonly ports: readonly number[];
  /** Installed on top of either base (image/Dockerfile's apt-get install). */
  readonly packages: readonly string[];
  /** The daemonless build's own base: Debian by mmdebstrap, with its Java and its env. */
  readonly debian: { readonly suite: string; readonly variant: string; readonly packages: readonly string[]; readonly env: Readonly<Record<string, string>> };
}

export const IMAGE_LAYOUT: ImageLayout = layoutJson;

/** What e2e/scripts/build-image.sh built (its JSON manifest). */
export interface BuiltImage {
  readonly ref: string;
  readonly name: string;
  readonly tag: string;
  /** The OCI archive (a tar of an OCI image layout), in the cache. */
  readonly archive: string;
  /** The image manifest's digest, as containerd records it. */
  readonly digest: string;
  readonly spark: string;
  readonly scala: string;
  /** Hash of every input; the archive's folder in the cache is named after it. */
  readonly key: string;
  /** false: the archive came from the cache (a warm run). */
  readonly built: boolean;
  readonly bytes: number;
  readonly seconds: number;
  /** The job to submit in place of Spark's SparkPi (spark-examples is not on Maven Central). */
  readonly testJob: { readonly mainClass: string; readonly resource: string };
  /** Where this JSON is (what importImage takes). */
  readonly manifest: string;
}

const BUILD_SCRIPT = path.join(REPO, 'e2e', 'scripts', 'build-image.sh');
const IMPORT_SCRIPT = path.join(REPO, 'e2e', 'scripts', 'import-image.sh');
/** A cold build on 2 shared cores takes minutes (mmdebstrap, umoci's gzip); bounded all the same. */
const BUILD_TIMEOUT_MS = 20 * 60_000;

/**
 * Builds (or finds in the cache) the unified image tagged `ref` (the spec's `image`), after
 * e2e/scripts/install.sh has put Spark's jars in the cache. Its output goes to this process's stderr.
 * `manifest` is where the build writes what it built: give each run its own (runs share the cache).
 * `release` (`VERSION:SCALA` of e2e/versions.env) picks the Spark line; the default is the first.
 */
export function buildImage(ref: string, manifest = path.join(CACHE_DIR, 'image', 'image.json'), release?: string): BuiltImage {
  const result = run('bash', [BUILD_SCRIPT, ref, manifest], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: BUILD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    env: { ...process.env, ...(release !== undefined ? { SPARK_IMAGE_RELEASE: release } : {}) },
  });
  if (result.status !== 0) {
    throw new HarnessError(result.status === null ? `build-image.sh did not finish within ${BUILD_TIMEOUT_MS / 60_000} min` : 'build-image.sh failed (see the lines above)');
  }
  return { ...(JSON.parse(fs.readFileSync(manifest, 'utf8')) as Omit<BuiltImage, 'manifest'>), manifest };
}

/**
 * Imports a built image into the containerd listening on `socket` (namespace k8s.io, the CRI's, by
 * default) under its full name, unpacked into the default snapshotter. Returns `ctr images list`'s
 * line for it; throws if containerd does not list it with the built digest.
 */
export function importImage(socket: string, image: BuiltImage, namespace = 'k8s.io'): string {
  const result = run('bash', [IMPORT_SCRIPT, socket, image.manifest, namespace], { timeout: 5 * 60_000, killSignal: 'SIGKILL' });
  if (result.status !== 0) throw new HarnessError(`import-image.sh: ${result.stderr.trim() || `exit ${result.status}`}`);
  return result.stdout.trim();
}
