import * as fs from 'fs';
import { Platform, filesFor } from '../../src/spec/platform';
import { Role } from '../../src/spec/types';
import { E2eContext } from '../lib/context';
import { containerView, namespaceObjectsFromApi, PodJson } from '../lib/pod-view';

/**
 * The Secret each namespace needs, created as the cluster would hold it (in place of External
 * Secrets Operator's controller, which the suite does not run): one key per secret file.
 */
export function createClusterSecrets(ctx: E2eContext, platform: Platform, secretName: string, namespaces: readonly string[]): void {
  const secretFiles = platform.files.filter(f => f.secret);
  if (secretFiles.length === 0) return;
  for (const namespace of namespaces) {
    const data = Object.fromEntries(secretFiles.map(f => [f.key, secretBytes(f.sourcePath).toString('base64')]));
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: secretName, namespace }, data };
    const applied = ctx.cluster.admin.run(['apply', '--server-side', '--field-manager=cluster-secrets', '-f', '-'], JSON.stringify(secret));
    ctx.report.check(`Secret ${namespace}/${secretName} held by the cluster (${secretFiles.length} key(s))`, applied.status === 0, applied.stderr.trim());
  }
}

function secretBytes(sourcePath: string | undefined): Buffer {
  return sourcePath ? fs.readFileSync(sourcePath) : Buffer.from('cluster-held secret\n');
}

/**
 * Runs a pod's own config-sync (the pod as the API server holds it, with everything Spark added) in
 * the kubelet-faithful sandbox and checks that every file its role receives is at its path with
 * its bytes and mode.
 */
export function checkFilesDelivered(ctx: E2eContext, platform: Platform, pod: PodJson, role: Role, what: string): boolean {
  const namespace = pod.metadata.namespace!;
  const objects = namespaceObjectsFromApi(ctx, namespace);
  const label = `${what} ${namespace}/${pod.metadata.name}`;
  let view;
  try {
    view = containerView(pod, objects);
  } catch (error) {
    ctx.report.check(`${label}: config-sync runs`, false, (error as Error).message);
    ctx.report.data.filesDelivered.push({ namespace, pod: pod.metadata.name, role, files: 0, ok: false });
    return false;
  }
  const ran = ctx.report.check(`${label}: config-sync exits 0`, view.sync.status === 0, view.sync.stderr.trim());
  const expected = filesFor(platform, role);
  const problems: string[] = [];
  for (const file of expected) {
    const at = `${file.mountPath}/${file.name}`;
    const got = view.files.get(at);
    const want = file.secret ? objects.secrets.get(platform.spec.secrets?.name ?? `${platform.spec.name}-secrets`)?.get(file.key) : file.content;
    if (!got) problems.push(`${at}: missing`);
    else if (want && !got.bytes.equals(want)) problems.push(`${at}: ${got.bytes.length} bytes differ from the ${want.length} declared`);
    else if (got.mode !== file.mode) problems.push(`${at}: mode ${got.mode.toString(8)}, declared ${file.mode.toString(8)}`);
  }
  const ok = ctx.report.check(`${label}: all ${expected.length} ${role} file(s) at their paths, byte for byte, with their modes`,
    ran && problems.length === 0, problems.join('\n'));
  ctx.report.data.filesDelivered.push({ namespace, pod: pod.metadata.name, role, files: expected.length - problems.length, ok });
  return ok;
}
