import { E2eContext } from './context';
import { HarnessError, sleep } from './processes';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

interface PodStatusJson {
  status?: {
    phase?: PodPhase;
    containerStatuses?: { name: string; ready?: boolean; state?: Record<string, { reason?: string; message?: string; exitCode?: number }> }[];
    initContainerStatuses?: { name: string; state?: Record<string, { reason?: string; message?: string; exitCode?: number }> }[];
  };
  spec?: { containers: { name: string }[]; initContainers?: { name: string }[] };
}

/**
 * Waits (bounded by `timeoutMs`, polled every second) until pod `namespace/name` is in `phase`
 * (Running also needs every container ready). A pod that ends in another final phase, or is not in
 * `phase` in time, fails with a HarnessError carrying its events and every container's log (init
 * containers too, and the previous run of a restarted one), so the reason is in the failure itself.
 */
export async function waitForPodPhase(ctx: E2eContext, namespace: string, name: string, phase: PodPhase, timeoutMs: number): Promise<void> {
  const { admin } = ctx.cluster;
  const deadline = Date.now() + timeoutMs;
  let last: PodStatusJson | undefined;
  for (;;) {
    const got = admin.run(['get', 'pod', name, '-n', namespace, '-o', 'json']);
    last = got.status === 0 ? JSON.parse(got.stdout) as PodStatusJson : undefined;
    const now = last?.status?.phase;
    const ready = phase !== 'Running' || (last?.status?.containerStatuses ?? []).every(c => c.ready);
    if (now === phase && ready) return;
    const final = now === 'Succeeded' || now === 'Failed';
    if (final || Date.now() > deadline) {
      const why = final ? `it ended ${now}` : `still ${now ?? 'not found'} after ${Math.round(timeoutMs / 1000)} s`;
      throw new HarnessError(`pod ${namespace}/${name} did not reach ${phase}: ${why}\n${describePod(ctx, namespace, name, last)}`);
    }
    await sleep(1000);
  }
}

/** The pod's container states, its events and each container's log: what a person would look at first. */
export function describePod(ctx: E2eContext, namespace: string, name: string, pod?: PodStatusJson): string {
  const { admin } = ctx.cluster;
  const lines: string[] = [];
  for (const c of [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? [])]) {
    const [state, detail] = Object.entries(c.state ?? {})[0] ?? ['unknown', {}];
    lines.push(`container ${c.name}: ${state}${detail.reason ? ` (${detail.reason})` : ''}${detail.exitCode !== undefined ? ` exit ${detail.exitCode}` : ''}${detail.message ? `: ${detail.message}` : ''}`);
  }
  const events = admin.run(['get', 'events', '-n', namespace, '--field-selector', `involvedObject.name=${name}`,
    '-o', 'custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message', '--sort-by=.lastTimestamp']);
  lines.push('events:', events.stdout.trim() || events.stderr.trim() || '(none)');
  const containers = [...(pod?.spec?.initContainers ?? []), ...(pod?.spec?.containers ?? [])].map(c => c.name);
  for (const container of containers) {
    for (const previous of [false, true]) {
      const log = admin.run(['logs', '-n', namespace, name, '-c', container, ...(previous ? ['--previous'] : []), '--tail=40']);
      if (previous && (log.status !== 0 || !log.stdout.trim())) continue;
      lines.push(`log of ${container}${previous ? ' (previous run)' : ''}:`, (log.status === 0 ? log.stdout : log.stderr).trim() || '(empty)');
    }
  }
  return lines.join('\n');
}
