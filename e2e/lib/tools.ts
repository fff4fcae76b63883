import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HarnessError, run } from './processes';

/** What e2e/scripts/install.sh built or resolved (its tools.json). */
export interface Tools {
  readonly kubernetes: string;
  readonly etcdVersion: string;
  readonly helmVersion: string;
  readonly externalSecrets: string;
  readonly argocd: string;
  readonly go: string;
  readonly coredns: string;
  readonly bin: {
    kubeApiserver: string; kubeControllerManager: string; kubectl: string; etcd: string; helm: string;
    kubelet: string; kubeProxy: string; kubeScheduler: string; coredns: string;
    /** The External Secrets Operator controller, built with only its fake provider (`-tags fake`). */
    externalSecrets: string;
    /** Argo CD's multicall binary (its components chosen by ARGOCD_BINARY_NAME). */
    argocd: string;
  };
  /** The node's one image (pause as its entrypoint, podcheck beside it), an OCI archive built here. */
  readonly nodeImage: { archive: string; name: string; pause: string };
  readonly crds: string[];
  /** CRDs the ESO controller watches beyond `crds` (its GeneratorState reconciler always runs). */
  readonly externalSecretsControllerCrds: string[];
  readonly spark: { version: string; scala: string; home: string }[];
  /** What this run had to build or resolve; empty when every tool came from the cache. */
  readonly built: string[];
  /** Optional Spark releases Maven could not resolve (reported, not run). */
  readonly sparkUnresolved: SparkUnresolved[];
}

/**
 * An optional Spark release that did not resolve: `not-found` when Maven said the registry has no such
 * artifact (remembered, not asked again), `failed` for anything else (asked again on the next run).
 */
export interface SparkUnresolved {
  readonly version: string;
  readonly reason: 'not-found' | 'failed';
}

export const CACHE_DIR = process.env.SPARK_TENANCY_CACHE ?? path.join(os.homedir(), '.cache', 'spark-tenancy');

/** Runs the install script (cheap when everything is cached) and reads what it installed. */
export function installTools(e2eDir: string): { tools: Tools; seconds: number } {
  const started = Date.now();
  const manifest = path.join(CACHE_DIR, 'tools.json');
  const result = run('bash', [path.join(e2eDir, 'scripts', 'install.sh'), manifest], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new HarnessError('installing the suite\'s tools failed (see the line above)');
  return { tools: JSON.parse(fs.readFileSync(manifest, 'utf8')) as Tools, seconds: (Date.now() - started) / 1000 };
}
