import { Kubectl } from './kubectl';
import { PodJson } from './pod-view';
import { sleep } from './processes';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** A pod as the API server reports it, with its phase and container states. */
export interface PodWithStatus extends PodJson {
  status?: {
    phase?: PodPhase;
    podIP?: string;
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: { running?: unknown; waiting?: { reason?: string; message?: string }; terminated?: { exitCode: number; reason?: string } };
}

export interface PodWaitResult {
  readonly ok: boolean;
  /** The pods matched when the wait ended. */
  readonly pods: PodWithStatus[];
  readonly seconds: number;
  /** On failure: what each pod that is not there yet shows (phase, events, its containers' logs). */
  readonly detail: string;
}

const POLL_MS = 1000;

/**
 * Waits, at most `timeoutMs`, until `count` pods matching `selector` (or the pod `name=<name>`) are in
 * one of `phases`. Ends early when a pod reaches a phase it can never leave (Succeeded or Failed) that
 * is not wanted. On failure the detail holds each such pod's phase, its events and its containers'
 * logs (init containers included), which is what one needs to see why.
 */
export async function waitForPods(kubectl: Kubectl, namespace: string, selector: string, options: {
  phases: readonly PodPhase[];
  timeoutMs: number;
  count?: number;
}): Promise<PodWaitResult> {
  const count = options.count ?? 1;
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const wanted = (p: PodWithStatus) => options.phases.includes(p.status?.phase ?? 'Pending');
  const stuck = (p: PodWithStatus) => !wanted(p) && (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed');
  let pods: PodWithStatus[] = [];
  for (;;) {
    pods = listPods(kubectl, namespace, selector);
    const ready = pods.filter(wanted);
    if (ready.length >= count) return { ok: true, pods, seconds: (Date.now() - started) / 1000, detail: '' };
    if (pods.some(stuck) || Date.now() >= deadline) break;
    await sleep(POLL_MS);
  }
  const seconds = (Date.now() - started) / 1000;
  const late = pods.filter(p => !wanted(p));
  const header = `${pods.filter(wanted).length} of ${count} pod(s) ${selector} in ${namespace} ${options.phases.join('/')} after ${seconds.toFixed(0)} s`
    + (pods.length === 0 ? ' (no such pod exists)' : '');
  return { ok: false, pods, seconds, detail: [header, ...late.map(p => podDiagnostics(kubectl, p))].join('\n') };
}

/** `waitForPods` for one pod by name. */
export function waitForPodPhase(kubectl: Kubectl, namespace: string, name: string, phases: readonly PodPhase[], timeoutMs: number): Promise<PodWaitResult> {
  return waitForPods(kubectl, namespace, `metadata.name=${name}`, { phases, timeoutMs });
}

/** Pods by label selector, or by `metadata.name=<name>` (a field selector). */
function listPods(kubectl: Kubectl, namespace: string, selector: string): PodWithStatus[] {
  const args = selector.startsWith('metadata.name=') ? ['pods', '-n', namespace, '--field-selector', selector] : ['pods', '-n', namespace, '-l', selector];
  const result = kubectl.run(['get', ...args, '-o', 'json']);
  return result.status === 0 ? (JSON.parse(result.stdout) as { items: PodWithStatus[] }).items : [];
}

/** A pod's phase, container states, events and logs, for a failure message. */
export function podDiagnostics(kubectl: Kubectl, pod: PodWithStatus): string {
  const namespace = pod.metadata.namespace!;
  const name = pod.metadata.name;
  const states = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map(c => {
    const s = c.state ?? {};
    const state = s.running ? 'running' : s.waiting ? `waiting ${s.waiting.reason ?? ''} ${s.waiting.message ?? ''}`.trim()
      : s.terminated ? `terminated exit ${s.terminated.exitCode} ${s.terminated.reason ?? ''}`.trim() : 'no state';
    return `  ${c.name}: ${state}, ${c.restartCount ?? 0} restart(s)`;
  });
  const events = kubectl.run(['get', 'events', '-n', namespace, '--field-selector', `involvedObject.name=${name}`, '--sort-by=.lastTimestamp',
    '-o', 'custom-columns=TYPE:.type,REASON:.reason,FROM:.source.component,MESSAGE:.message']);
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map(c => c.name);
  const logs = containers.map(c => {
    const log = kubectl.run(['logs', '-n', namespace, name, '-c', c, '--tail=40']);
    const text = (log.status === 0 ? log.stdout : log.stderr).trim();
    return `  --- logs of ${c}:\n${indent(text || '(empty)')}`;
  });
  return [`pod ${namespace}/${name}: phase ${pod.status?.phase ?? 'unknown'}`, ...states,
    '  --- events:', indent(events.stdout.trim() || events.stderr.trim() || '(none)'), ...logs].join('\n');
}

function indent(text: string): string {
  return text.split('\n').map(l => `    ${l}`).join('\n');
}
