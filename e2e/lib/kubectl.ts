import { CommandResult, HarnessError, run, runAsync } from './processes';

/** A Kubernetes object as the API server returns it. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { kind: string; name: string; uid: string; controller?: boolean }[];
    uid?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
  };
  [field: string]: unknown;
}

/** The real kubectl, built from the same Kubernetes release, with one identity (a kubeconfig). */
export class Kubectl {
  constructor(readonly binary: string, readonly kubeconfig: string) {}

  /** Runs kubectl; with `timeoutMs`, a kubectl still running then is killed (and the harness error says so). */
  run(args: readonly string[], input?: string, timeoutMs?: number): CommandResult {
    return run(this.binary, ['--kubeconfig', this.kubeconfig, ...args], { input, ...(timeoutMs ? { timeout: timeoutMs, killSignal: 'SIGKILL' } : {}) });
  }

  /** Runs and returns stdout; a failure throws with what kubectl (the API server) said. */
  ok(args: readonly string[], input?: string): string {
    const result = this.run(args, input);
    if (result.status !== 0) throw new HarnessError(`kubectl ${args.join(' ')}: ${result.stderr.trim() || result.stdout.trim()}`);
    return result.stdout;
  }

  /** What GitOps applies: server-side apply with strict field validation (`--validate=strict` sends fieldValidation=Strict). */
  applyServerSide(files: readonly string[], fieldManager = 'spark-tenancy-e2e'): CommandResult {
    return this.run(['apply', '--server-side', '--validate=strict', `--field-manager=${fieldManager}`, ...files.flatMap(f => ['-f', f])]);
  }

  /**
   * The same apply, the files dealt round-robin to `lanes` kubectl processes running at once: one
   * kubectl sends its requests one after another, so a thousand namespaces' files wait on round trips,
   * not on the API server. Every file is self-contained (its Namespace first), so their order across
   * lanes does not matter. The result joins the lanes' output; its status is the first failure's.
   */
  async applyServerSideInLanes(files: readonly string[], fieldManager = 'spark-tenancy-e2e', lanes = 4): Promise<CommandResult> {
    const groups = Array.from({ length: lanes }, (_, lane) => files.filter((_, i) => i % lanes === lane)).filter(g => g.length > 0);
    const results = await Promise.all(
      groups.map(group =>
        runAsync(this.binary, ['--kubeconfig', this.kubeconfig, 'apply', '--server-side', '--validate=strict', `--field-manager=${fieldManager}`, ...group.flatMap(f => ['-f', f])]),
      ),
    );
    return {
      status: results.find(r => r.status !== 0)?.status ?? 0,
      stdout: results.map(r => r.stdout).join(''),
      stderr: results.map(r => r.stderr).join(''),
    };
  }

  getJson<T = KubeObject>(args: readonly string[]): T {
    return JSON.parse(this.ok(['get', ...args, '-o', 'json'])) as T;
  }

  list(resource: string, namespace?: string, selector?: string): KubeObject[] {
    const args = [resource, ...(namespace ? ['-n', namespace] : ['--all-namespaces']), ...(selector ? ['-l', selector] : [])];
    return this.getJson<{ items: KubeObject[] }>(args).items;
  }

  /** A token for a ServiceAccount from the TokenRequest API. */
  createToken(namespace: string, serviceAccount: string): string {
    return this.ok(['create', 'token', serviceAccount, '-n', namespace, '--duration=2h']).trim();
  }

  /** `kubectl auth can-i` as this identity: true, false, or a harness error on anything else. */
  canI(verb: string, resource: string, namespace: string): boolean {
    const result = this.run(['auth', 'can-i', verb, resource, '-n', namespace]);
    const answer = result.stdout.trim();
    if (answer === 'yes') return true;
    if (answer === 'no') return false;
    throw new HarnessError(`kubectl auth can-i ${verb} ${resource} -n ${namespace}: ${result.stderr.trim() || answer}`);
  }
}
