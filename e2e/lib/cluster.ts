import * as fs from 'fs';
import * as https from 'https';
import * as path from 'path';
import { createNodeNetwork, NodeNetwork } from './node-network';
import { ClusterPki, makePki, writeKubeconfig } from './pki';
import { Daemons, freePort, HarnessError, RunningDaemon, waitUntil } from './processes';
import { Tools } from './tools';
import { Kubectl } from './kubectl';

/**
 * A running control plane: etcd on 127.0.0.1, kube-apiserver on the host end of the suite's own
 * node network (so pods reach it through the `kubernetes` Service), kube-controller-manager.
 */
export interface Cluster {
  readonly server: string;
  readonly network: NodeNetwork;
  readonly pki: ClusterPki;
  /** kubectl as system:masters, for setting up; RBAC checks use ServiceAccount tokens instead. */
  readonly admin: Kubectl;
  readonly dir: string;
  readonly apiserver: RunningDaemon;
  /** Seconds each component took to become ready. */
  readonly startSeconds: Record<string, number>;
}

const READY_TIMEOUT_MS = 90_000;

/**
 * Starts the control plane as a cluster runs it: TLS from a throw-away CA, RBAC (and Node)
 * authorization, ServiceAccount token signing (TokenRequest works), the default admission plugins
 * (PodSecurity, ServiceAccount, NamespaceLifecycle, ResourceQuota, ...), and the controller manager so
 * that Deployments make ReplicaSets and ReplicaSets make Pods, which admission then judges.
 */
export async function startCluster(tools: Tools, daemons: Daemons, dir: string): Promise<Cluster> {
  fs.mkdirSync(dir, { recursive: true });
  const network = createNodeNetwork(daemons);
  const pki = makePki(path.join(dir, 'pki'), network.hostIp);
  const startSeconds: Record<string, number> = {};

  let started = Date.now();
  const etcdPort = await onFreePorts('etcd', 2, async ([etcdPort, etcdPeerPort], attempt) => {
    const etcd = daemons.start('etcd', tools.bin.etcd, [
      '--name=e2e',
      `--data-dir=${path.join(dir, `etcd-${attempt}`)}`,
      `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-cluster=e2e=http://127.0.0.1:${etcdPeerPort}`,
      '--listen-metrics-urls=',
      // A throw-away cluster: durability is not worth the fsync cost.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ], path.join(dir, `etcd-${attempt}.log`));
    await waitUntil('etcd', () => httpOk(`http://127.0.0.1:${etcdPort}/health`), {
      timeoutMs: READY_TIMEOUT_MS, gaveUp: () => etcd.exited, describe: () => etcd.tail(),
    });
    return etcdPort;
  });
  startSeconds.etcd = (Date.now() - started) / 1000;

  started = Date.now();
  const { server, apiserver, adminKubeconfig } = await onFreePorts('kube-apiserver', 1, async ([apiPort], attempt) => {
    const server = `https://${network.hostIp}:${apiPort}`;
    const apiserver = daemons.start('kube-apiserver', tools.bin.kubeApiserver, [
      `--etcd-servers=http://127.0.0.1:${etcdPort}`,
      `--bind-address=${network.hostIp}`,
      // The `kubernetes` Service's endpoint (the lease reconciler writes it): what pods dial.
      `--advertise-address=${network.hostIp}`,
      `--secure-port=${apiPort}`,
      `--cert-dir=${path.join(dir, 'apiserver-certs')}`,
      `--tls-cert-file=${pki.serverCert}`,
      `--tls-private-key-file=${pki.serverKey}`,
      `--client-ca-file=${pki.caCert}`,
      '--authorization-mode=Node,RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${pki.serviceAccountPub}`,
      `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      `--service-cluster-ip-range=${network.serviceCidr}`,
      // For logs and exec through the kubelet, which authorizes the caller with the API server.
      `--kubelet-client-certificate=${pki.adminCert}`,
      `--kubelet-client-key=${pki.adminKey}`,
      '--kubelet-preferred-address-types=InternalIP',
      '--profiling=false',
      '-v=1',
    ], path.join(dir, `kube-apiserver-${attempt}.log`));
    const adminKubeconfig = writeKubeconfig(path.join(dir, 'admin.kubeconfig'), server, pki.caCert, { cert: pki.adminCert, key: pki.adminKey });
    await waitUntil('kube-apiserver /readyz', () => httpOk(`${server}/readyz`, pki), {
      timeoutMs: READY_TIMEOUT_MS, gaveUp: () => apiserver.exited, describe: () => apiserver.tail(),
    });
    return { server, apiserver, adminKubeconfig };
  });
  startSeconds['kube-apiserver'] = (Date.now() - started) / 1000;

  started = Date.now();
  const kcmKubeconfig = writeKubeconfig(path.join(dir, 'controller-manager.kubeconfig'), server, pki.caCert,
    { cert: pki.controllerManagerCert, key: pki.controllerManagerKey });
  const controllerManager = daemons.start('kube-controller-manager', tools.bin.kubeControllerManager, [
    ...controlPlaneComponentFlags(kcmKubeconfig, await freePort(), path.join(dir, 'kcm-certs')),
    `--root-ca-file=${pki.caCert}`,
    `--service-account-private-key-file=${pki.serviceAccountKey}`,
    // Each controller acts with its own ServiceAccount's rights, as in a real cluster.
    '--use-service-account-credentials=true',
    // nodelifecycle lifts the not-ready taint the kubelet registers with, once the node is Ready.
    '--controllers=*,-nodeipam,-persistentvolume-binder,-attachdetach,-persistentvolume-expander',
    '-v=1',
  ], path.join(dir, 'kube-controller-manager.log'));
  // Working, not merely started: its ServiceAccount controller gives every namespace a "default" account.
  const admin = new Kubectl(tools.bin.kubectl, adminKubeconfig);
  await waitUntil('kube-controller-manager', () => admin.run(['get', 'serviceaccount', 'default', '-n', 'default']).status === 0, {
    timeoutMs: READY_TIMEOUT_MS, intervalMs: 500, gaveUp: () => controllerManager.exited, describe: () => controllerManager.tail(),
  });
  startSeconds['kube-controller-manager'] = (Date.now() - started) / 1000;

  return { server, network, pki, admin, dir, apiserver, startSeconds };
}

/**
 * Starts a component on ports the kernel just reported free; another process may take one before the
 * component binds it, so "address already in use" is retried on other ports (three tries in all).
 */
async function onFreePorts<T>(what: string, count: number, start: (ports: number[], attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ports: number[] = [];
    while (ports.length < count) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    try {
      return await start(ports, attempt);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof HarnessError) || !/address already in use/i.test(error.message)) throw error;
      console.log(`e2e: ${what}: a port was taken before it could bind it; trying other ports`);
    }
  }
}

/** GET `url` (with the admin client certificate for the API server); true on 200. */
function httpOk(url: string, pki?: ClusterPki): Promise<boolean> {
  return new Promise(resolve => {
    const options = pki ? { ca: fs.readFileSync(pki.caCert), cert: fs.readFileSync(pki.adminCert), key: fs.readFileSync(pki.adminKey) } : {};
    const request = (url.startsWith('https:') ? https : require('http')).get(url, { ...options, timeout: 2000 }, (response: { statusCode?: number; resume(): void }) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => { request.destroy(); resolve(false); });
  });
}

/**
 * The flags kube-controller-manager and kube-scheduler share: one kubeconfig for the API server and
 * for checking who calls their own HTTPS endpoint, one instance (no leader election), that endpoint on
 * loopback only.
 */
export function controlPlaneComponentFlags(kubeconfig: string, securePort: number, certDir: string): string[] {
  return [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    '--leader-elect=false',
    '--bind-address=127.0.0.1',
    `--secure-port=${securePort}`,
    `--cert-dir=${certDir}`,
  ];
}

export { HarnessError };
