import { E2eContext } from './context';
import { PodPhase, waitForPodPhase } from './pod-phase';
import { PodJson } from './pod-view';
import { HarnessError, sleep } from './processes';

/** A pod as the API server reports it, with its phase. */
export interface PodWithStatus extends PodJson {
  status?: { phase?: PodPhase; podIP?: string };
}

export interface PodsResult {
  readonly ok: boolean;
  /** The pods that reached the phase, as the API server holds them then. */
  readonly pods: PodWithStatus[];
  readonly seconds: number;
  /** On failure: why, with the namespace's events or the late pod's events and logs (waitForPodPhase's). */
  readonly detail: string;
}

const POLL_MS = 1000;

/**
 * Pods known by a label selector rather than a name (a Deployment's, Spark's executors): waits until
 * `count` of them that `accept` exist, then until each is in `phase` with waitForPodPhase, all within
 * `timeoutMs`. A pod being deleted never counts.
 */
export async function podsInPhase(ctx: E2eContext, namespace: string, selector: string, phase: PodPhase, options: {
  timeoutMs: number;
  count?: number;
  accept?: (pod: PodWithStatus) => boolean;
}): Promise<PodsResult> {
  const { admin } = ctx.cluster;
  const count = options.count ?? 1;
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const matching = () => (admin.list('pods', namespace, selector) as PodWithStatus[])
    .filter(p => !p.metadata.deletionTimestamp && (options.accept?.(p) ?? true));
  let pods = matching();
  while (pods.length < count && Date.now() < deadline) {
    await sleep(POLL_MS);
    pods = matching();
  }
  const seconds = () => (Date.now() - started) / 1000;
  if (pods.length < count) {
    const events = admin.run(['get', 'events', '-n', namespace, '--sort-by=.lastTimestamp', '-o', 'custom-columns=OBJECT:.involvedObject.name,REASON:.reason,MESSAGE:.message']);
    return { ok: false, pods, seconds: seconds(), detail: `${pods.length} of ${count} pod(s) ${selector} in ${namespace} after ${seconds().toFixed(0)} s; `
      + `the namespace's latest events:\n${events.stdout.trim().split('\n').slice(-15).join('\n') || events.stderr.trim()}` };
  }
  const chosen = pods.slice(0, count);
  try {
    for (const pod of chosen) await waitForPodPhase(ctx, namespace, pod.metadata.name, phase, Math.max(1000, deadline - Date.now()));
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    return { ok: false, pods: chosen, seconds: seconds(), detail: error.message };
  }
  const now = chosen.map(p => admin.getJson<PodWithStatus>(['pod', p.metadata.name, '-n', namespace]));
  return { ok: true, pods: now, seconds: seconds(), detail: '' };
}

/** One pod by name in `phase` (waitForPodPhase), as a result rather than a thrown error. */
export async function podInPhase(ctx: E2eContext, namespace: string, name: string, phase: PodPhase, timeoutMs: number): Promise<PodsResult> {
  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  try {
    await waitForPodPhase(ctx, namespace, name, phase, timeoutMs);
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    return { ok: false, pods: [], seconds: seconds(), detail: error.message };
  }
  return { ok: true, pods: [ctx.cluster.admin.getJson<PodWithStatus>(['pod', name, '-n', namespace])], seconds: seconds(), detail: '' };
}
