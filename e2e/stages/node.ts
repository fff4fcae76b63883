import { E2eContext } from '../lib/context';
import { NodeHandle, NODE_NAME, NODE_TOLERATION } from '../lib/node';
import { waitForPodPhase } from '../lib/pod-phase';
import { removeNamespaces } from '../lib/namespaces';
import { HarnessError, waitUntil } from '../lib/processes';

const NAMESPACE = 'e2e-node';
const POD_TIMEOUT_MS = 90_000;

/**
 * A pod on the real node, from the image built here, as an ordinary workload: scheduled by
 * kube-scheduler, run by the kubelet through containerd and runc, on the CNI bridge. Its podcheck
 * resolves the API server's Service name through CoreDNS and calls the API server through the
 * Service IP (kube-proxy's rules), as the pod's own ServiceAccount, verifying its certificate. Its
 * namespace goes at the end, so the node holds nothing of this stage when the next begins.
 */
export async function checkNode(ctx: E2eContext, node: NodeHandle): Promise<void> {
  const { admin } = ctx.cluster;
  ctx.report.data.node = {
    kubelet: node.versions.kubelet,
    containerd: node.versions.containerd,
    runc: node.versions.runc,
    image: node.versions.image,
    pods: [],
  };
  ctx.report.milestone(`Node ${NODE_NAME} Ready: ${node.versions.kubelet}, ${node.versions.containerd}, ${node.versions.runc}`);
  admin.run(['create', 'namespace', NAMESPACE]);
  // The ServiceAccount admission plugin refuses a pod until the controller has made "default".
  await waitUntil(`ServiceAccount ${NAMESPACE}/default`, () => admin.run(['get', 'serviceaccount', 'default', '-n', NAMESPACE]).status === 0, {
    timeoutMs: 30_000,
    intervalMs: 250,
  });
  const name = 'podcheck';
  const service = 'kubernetes.default.svc.cluster.local';
  admin.ok(
    ['apply', '--server-side', '--field-manager=spark-tenancy-e2e', '-f', '-'],
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: NAMESPACE },
      spec: {
        restartPolicy: 'Never',
        tolerations: [NODE_TOLERATION],
        containers: [{ name, image: node.nodeImage, imagePullPolicy: 'Never', command: ['/podcheck', service] }],
      },
    }),
  );
  let phase = 'Succeeded';
  let detail = '';
  try {
    await waitForPodPhase(ctx, NAMESPACE, name, 'Succeeded', POD_TIMEOUT_MS);
  } catch (error) {
    if (!(error instanceof HarnessError)) throw error;
    phase = 'not Succeeded';
    detail = error.message;
  }
  const log = admin.run(['logs', '-n', NAMESPACE, name]).stdout;
  ctx.report.data.node.pods.push({ namespace: NAMESPACE, pod: name, role: 'podcheck', phase, filesOk: true });
  ctx.report.check(
    `a pod on the node resolves ${service} through CoreDNS and calls the API server through the Service IP as its ServiceAccount`,
    phase === 'Succeeded' && log.includes(`authenticated this pod as system:serviceaccount:${NAMESPACE}:default`),
    detail || log.trim(),
  );
  await removeNamespaces(ctx, [NAMESPACE], 'the node stage');
}
