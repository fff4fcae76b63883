import { E2eContext } from './context';
import { sleep } from './processes';

/** How long the namespace controller may take to empty and remove a namespace (every object of it goes first). */
const GONE_MS = 180_000;

/** The cluster's namespaces now, by name. */
export function namespaceNames(ctx: E2eContext): string[] {
  return ctx.cluster.admin.list('namespaces').map(n => n.metadata.name);
}

/**
 * Deletes `namespaces` and waits until the API server no longer has any of them: the namespace
 * controller deletes every object inside first (Deployments, their pods, quotas), so what a stage made
 * cannot hold the node or a quota for the next one. A check that fails naming what is still there.
 */
export async function removeNamespaces(ctx: E2eContext, namespaces: readonly string[], what: string): Promise<boolean> {
  const { admin } = ctx.cluster;
  if (namespaces.length === 0) return true;
  admin.run(['delete', 'namespace', '--ignore-not-found', '--wait=false', ...namespaces]);
  const wanted = new Set(namespaces);
  const left = () => namespaceNames(ctx).filter(ns => wanted.has(ns));
  const deadline = Date.now() + GONE_MS;
  while (left().length > 0 && Date.now() < deadline) await sleep(1000);
  const still = left();
  return ctx.report.check(
    `${what}: ${namespaces.length} namespace(s) deleted and gone`,
    still.length === 0,
    `still there after ${GONE_MS / 1000} s: ${still.map(ns => `${ns} (${describeLeft(ctx, ns)})`).join(', ')}`,
  );
}

/** What keeps a namespace from going: its phase, conditions and the pods still in it. */
function describeLeft(ctx: E2eContext, namespace: string): string {
  const { admin } = ctx.cluster;
  const ns = admin.run(['get', 'namespace', namespace, '-o', 'jsonpath={.status.phase}: {.status.conditions[*].message}']).stdout.trim();
  const pods = admin.run(['get', 'pods', '-n', namespace, '-o', 'name']).stdout.trim().split('\n').filter(Boolean);
  return `${ns}${pods.length > 0 ? `; pods: ${pods.join(' ')}` : ''}`;
}

/** Every pod of the cluster outside `own` namespaces, as `namespace/name (phase, node)`: what else could take the node's room. */
export function podsOutside(ctx: E2eContext, own: (namespace: string) => boolean): string[] {
  return ctx.cluster.admin
    .list('pods')
    .filter(p => !own(p.metadata.namespace ?? ''))
    .map(p => {
      const pod = p as { spec?: { nodeName?: string }; status?: { phase?: string } };
      return `${p.metadata.namespace}/${p.metadata.name} (${pod.status?.phase ?? '?'}, ${pod.spec?.nodeName ? `on ${pod.spec.nodeName}` : 'not bound'})`;
    });
}
