import * as fs from 'fs';
import * as path from 'path';
import { E2eContext } from '../lib/context';
import { parseAllDocuments } from 'yaml';
import { KubeObject } from '../lib/kubectl';
import { sleep } from '../lib/processes';

const MANIFEST_SUFFIX = '.k8s.yaml';
/** The field manager of every apply the suite makes, as GitOps tools have theirs. */
export const FIELD_MANAGER = 'spark-tenancy-e2e';
const POD_WAIT_MS = 90_000;

export interface AppliedDist {
  readonly files: string[];
  readonly objects: number;
  readonly namespaces: number;
  readonly seconds: number;
  readonly ok: boolean;
}

/**
 * Applies every file of a dist/ folder the way Argo CD or Flux would (server-side apply, strict field
 * validation), then again: the second apply must change nothing. With `checkPods`, every
 * Deployment's ReplicaSet must create its Pods, which PodSecurity admission judges for real.
 */
export async function applyDist(ctx: E2eContext, distDir: string, label: string, options: { checkPods: boolean }): Promise<AppliedDist> {
  const { admin } = ctx.cluster;
  const files = fs
    .readdirSync(distDir)
    .filter(f => f.endsWith(MANIFEST_SUFFIX))
    .sort()
    .map(f => path.join(distDir, f));
  const started = Date.now();
  const first = await admin.applyServerSideInLanes(files, FIELD_MANAGER);
  const seconds = (Date.now() - started) / 1000;
  const objects = first.stdout.split('\n').filter(line => / serverside-applied$/.test(line)).length;
  const ok = ctx.report.check(
    `${label}: ${files.length} files applied server-side with strict field validation (${objects} objects, ${seconds.toFixed(1)} s)`,
    first.status === 0,
    first.stderr.trim(),
  );
  ctx.report.data.applies.push({ spec: label, namespaces: files.length, objects, seconds: Math.round(seconds * 10) / 10, ok });
  // What did apply is still checked: a refused object must not hide what else is wrong.
  if (ok) await checkIdempotent(ctx, files, label);
  if (options.checkPods) {
    for (const file of files) await checkDeploymentPods(ctx, file);
  }
  return { files, objects, namespaces: files.length, seconds, ok };
}

/** A second apply of the same files must change nothing (no resourceVersion moves). */
async function checkIdempotent(ctx: E2eContext, files: readonly string[], label: string): Promise<void> {
  const { admin } = ctx.cluster;
  const before = resourceVersions(ctx, files);
  const second = await admin.applyServerSideInLanes(files, FIELD_MANAGER);
  const after = resourceVersions(ctx, files);
  const changed = [...after].filter(([key, version]) => before.get(key) !== version).map(([key]) => key);
  ctx.report.check(
    `${label}: a second apply changes nothing`,
    second.status === 0 && changed.length === 0,
    second.status !== 0 ? second.stderr.trim() : `changed by the second apply: ${changed.join(', ')}`,
  );
}

/** kind/namespace/name → what a write of the applied fields would move: generation and the apply's managedFields entry. */
function resourceVersions(ctx: E2eContext, files: readonly string[]): Map<string, string> {
  const versions = new Map<string, string>();
  // One kubectl for all files: a thousand-tenant platform is one process, not a thousand.
  const list = JSON.parse(ctx.cluster.admin.ok(['get', ...files.flatMap(f => ['-f', f]), '-o', 'json'])) as { items?: KubeObject[] } & KubeObject;
  for (const o of list.items ?? [list]) {
    const meta = o.metadata as { generation?: number; managedFields?: { manager?: string; operation?: string; time?: string; fieldsV1?: unknown }[] };
    // What the apply owns: a real change moves its managedFields entry (time and fields); a no-op apply
    // does not. Controllers writing status (the quota controller, the ReplicaSet controller) do not count.
    const applied = (meta.managedFields ?? []).filter(f => f.manager === FIELD_MANAGER && f.operation === 'Apply');
    versions.set(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, JSON.stringify([meta.generation, applied]));
  }
  return versions;
}

/** Every Deployment in the file gets its Pods created and admitted; a FailedCreate says why not. */
async function checkDeploymentPods(ctx: E2eContext, file: string): Promise<void> {
  const { admin } = ctx.cluster;
  // From the file itself: objects the apply refused (an unknown kind) are reported there, not here.
  const deployments = parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(d => d.toJS() as KubeObject)
    .filter(o => o?.kind === 'Deployment');
  for (const deployment of deployments) {
    const namespace = deployment.metadata.namespace!;
    const spec = deployment.spec as { replicas?: number; selector: { matchLabels: Record<string, string> } };
    const selector = Object.entries(spec.selector.matchLabels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const wanted = spec.replicas ?? 1;
    const deadline = Date.now() + POD_WAIT_MS;
    let pods: KubeObject[] = [];
    let refusals: string[] = [];
    while (Date.now() < deadline) {
      pods = admin.list('pods', namespace, selector);
      refusals = admin
        .list('events', namespace)
        .filter(e => (e as { reason?: string }).reason === 'FailedCreate')
        .map(e => (e as { message?: string }).message ?? '');
      if (pods.length >= wanted || refusals.length > 0) break;
      await sleep(500);
    }
    const ok = ctx.report.check(
      `Deployment ${namespace}/${deployment.metadata.name}: ${wanted} Pod(s) created and admitted`,
      pods.length >= wanted && refusals.length === 0,
      refusals.length > 0
        ? `admission refused the ReplicaSet's Pod: ${[...new Set(refusals)].join('; ')}`
        : `only ${pods.length} Pod(s) after ${POD_WAIT_MS / 1000} s`,
    );
    if (ok) ctx.report.data.podsAdmitted += pods.length;
  }
}
