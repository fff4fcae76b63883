import { createHash } from 'crypto';
import { objectNames } from '../../src/names';
import { Platform, filesFor } from '../../src/platform-spec/platform';
import { Role } from '../../src/platform-spec/types';
import { E2eContext } from '../lib/context';
import { containerView, namespaceObjectsFromApi, PodJson } from '../lib/pod-view';
import { NamespaceObjects } from '../../test/harness/pod-sandbox';

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
  const expected = expectedFiles(platform, role, objects.secrets);
  const problems = fileProblems(expected, at => {
    const got = view.files.get(at);
    return got && { sha256: sha256(got.bytes), mode: got.mode };
  });
  const ok = ctx.report.check(
    `${label}: all ${expected.length} ${role} file(s) at their paths, byte for byte, with their modes`,
    ran && problems.length === 0,
    problems.join('\n'),
  );
  ctx.report.data.filesDelivered.push({ namespace, pod: pod.metadata.name, role, files: expected.length - problems.length, ok });
  return ok;
}

/** A file a pod of one role must hold: where, its sha256 (a secret's from the cluster's Secret), its mode. */
export interface ExpectedFile {
  readonly path: string;
  /** Undefined for a secret file the namespace's Secret does not hold (reported as a problem). */
  readonly sha256?: string;
  readonly mode: number;
}

/** What the sandbox and the real kubelet must both deliver: every file the spec declares for `role`. */
export function expectedFiles(platform: Platform, role: Role, secrets: NamespaceObjects['secrets']): ExpectedFile[] {
  const secret = secrets.get(objectNames(platform.spec).secret);
  return filesFor(platform, role).map(file => {
    const bytes = file.secret ? secret?.get(file.key) : file.content;
    return { path: `${file.mountPath}/${file.name}`, sha256: bytes && sha256(bytes), mode: file.mode };
  });
}

/** One line per expected file that is missing, has other bytes, or another mode (`observe` reads the pod). */
export function fileProblems(expected: readonly ExpectedFile[], observe: (path: string) => { sha256: string; mode: number } | undefined): string[] {
  const problems: string[] = [];
  for (const file of expected) {
    const got = observe(file.path);
    if (!got) problems.push(`${file.path}: missing`);
    else if (file.sha256 === undefined) problems.push(`${file.path}: the cluster holds no content to compare with`);
    else if (got.sha256 !== file.sha256) problems.push(`${file.path}: sha256 ${got.sha256}, declared ${file.sha256}`);
    else if (got.mode !== file.mode) problems.push(`${file.path}: mode ${got.mode.toString(8)}, declared ${file.mode.toString(8)}`);
  }
  return problems;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
