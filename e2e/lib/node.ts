import * as fs from 'fs';
import * as path from 'path';
import { controlPlaneComponentFlags } from './cluster';
import { E2eContext } from './context';
import { KubeObject } from './kubectl';
import { must, NodeNetwork } from './node-network';
import { issueClientCertificate, writeKubeconfig } from './pki';
import { Daemons, freePort, HarnessError, httpStatus, RunningDaemon, run, sleepSync, waitUntil } from './processes';

/** What the jobs stage (and any other) gets from a running node. */
export interface NodeHandle {
  /** The Node object's name. */
  readonly name: string;
  readonly network: NodeNetwork;
  /** containerd's CRI socket (unix path); `ctr --address` and the kubelet use it. */
  readonly containerdSocket: string;
  readonly versions: { kubelet: string; containerd: string; runc: string; image: string };
  /** The image every pod's sandbox runs (pause); its podcheck program is at /podcheck. */
  readonly nodeImage: string;
  /** Imports an OCI image archive into the node's containerd under `name` (as a registry would serve it). */
  importImage(archivePath: string, name: string): void;
  /** `ctr` against the node's containerd, in the CRI's namespace (k8s.io); throws on failure. */
  ctr(args: readonly string[]): string;
  /** Removes NODE_TAINT: from then on every pending pod of the cluster may be scheduled here. */
  untaint(): void;
  /** Seconds each part took to start. */
  readonly startSeconds: Record<string, number>;
}

export const NODE_NAME = 'e2e-node';
/**
 * The node registers with this taint, so the pods the earlier stages leave Pending (the example's
 * Deployments, a thousand-tenant fleet) stay Pending as they did without a node; a pod meant for the
 * node tolerates it (NODE_TOLERATION), or a stage lifts it with NodeHandle.untaint().
 */
export const NODE_TAINT = { key: 'spark-tenancy.dev/e2e-node', effect: 'NoSchedule' } as const;
export const NODE_TOLERATION = { key: NODE_TAINT.key, operator: 'Exists', effect: NODE_TAINT.effect } as const;
const CRI_NAMESPACE = 'k8s.io';
const CNI_BIN_DIR = '/usr/lib/cni';
const READY_TIMEOUT_MS = 120_000;
/** Kernel settings the kubelet sets for itself (pkg/kubelet/cm setupKernelTunables): restored on exit. */
const KUBELET_TUNABLES = ['vm/overcommit_memory', 'vm/panic_on_oom', 'kernel/panic', 'kernel/panic_on_oops', 'kernel/keys/root_maxkeys', 'kernel/keys/root_maxbytes'];

/**
 * Brings up one real node on the suite's network namespace: containerd (CRI, runc, overlayfs) with
 * its own root, state and socket, the CNI bridge, the kubelet, kube-proxy (iptables), kube-scheduler
 * and CoreDNS serving cluster.local from the API server (forwarding nowhere). Each part is ready, or
 * the suite fails with its own error and the command that shows it. Everything is undone on exit.
 */
export async function startNode(ctx: E2eContext, daemons: Daemons): Promise<NodeHandle> {
  const { tools, cluster } = ctx;
  const { network } = cluster;
  const dir = path.join(ctx.work, 'node');
  fs.mkdirSync(dir, { recursive: true });
  preflight();
  const startSeconds: Record<string, number> = {};
  const timed = async <T>(what: string, step: () => Promise<T> | T): Promise<T> => {
    const started = Date.now();
    const result = await step();
    startSeconds[what] = (Date.now() - started) / 1000;
    return result;
  };

  const cgroupRoot = `/${network.netns}`;
  createCgroupRoot(daemons, cgroupRoot);
  const holder = await timed('namespaces', () => startNamespaceHolder(daemons, dir, network));
  const inNode = (binary: string) => ['--target', String(holder.child.pid), '--mount', '--net', '--', binary];
  // Runs after containerd and the kubelet stop: what they leave running (shims, containers) goes too.
  daemons.atStop('the node\'s processes', () => killNodeProcesses(holder.netnsId, cgroupRoot));

  const socket = path.join(dir, 'containerd', 'containerd.sock');
  const ctr = (args: readonly string[]) => must('ctr', ['--address', socket, '--namespace', CRI_NAMESPACE, ...args], `ctr ${args[0]} against the node's containerd`);
  await timed('containerd', async () => {
    const config = writeContainerdConfig(path.join(dir, 'containerd'), socket, network, tools.nodeImage.name);
    const containerd = daemons.start('containerd', 'nsenter', [...inNode('containerd'), '--config', config], path.join(dir, 'containerd.log'));
    await waitUntil('containerd and its CRI plugin', () => criReady(socket), {
      timeoutMs: 60_000, intervalMs: 500, gaveUp: () => containerd.exited,
      describe: () => `${containerd.tail()}\n  the command that shows it: ctr --address ${socket} plugins ls`,
    });
  });
  const importImage = (archivePath: string, name: string) => {
    // An OCI archive may name its image fully (io.containerd.image.name, as pack-oci.sh does) or
    // by tag only (org.opencontainers.image.ref.name, as umoci does): the base name covers both.
    const repository = name.replace(/:[^/:]+$/, '');
    ctr(['images', 'import', '--base-name', repository, archivePath]);
    const names = ctr(['images', 'ls', '-q']).split('\n');
    if (!names.includes(name)) throw new HarnessError(`${archivePath} imported, but containerd has no image ${name} (it has: ${names.filter(Boolean).join(', ')})`);
  };
  await timed('node image import', () => importImage(tools.nodeImage.archive, tools.nodeImage.name));

  await timed('kube-scheduler', () => startScheduler(ctx, daemons, dir));
  guardKernelTunables(daemons);
  await timed('kubelet', () => startKubelet(ctx, daemons, dir, socket, cgroupRoot, inNode(tools.bin.kubelet)));
  await timed('kube-proxy', () => startKubeProxy(ctx, daemons, dir, holder, inNode(tools.bin.kubeProxy)));
  await timed('coredns', () => startCoreDns(ctx, daemons, dir));

  return {
    name: NODE_NAME,
    network,
    containerdSocket: socket,
    versions: {
      kubelet: firstLine(must(tools.bin.kubelet, ['--version'], 'kubelet --version')),
      containerd: firstLine(must('containerd', ['--version'], 'containerd --version')),
      runc: firstLine(must('runc', ['--version'], 'runc --version')),
      image: `${tools.nodeImage.name} (pause ${tools.nodeImage.pause})`,
    },
    nodeImage: tools.nodeImage.name,
    importImage,
    ctr,
    untaint: () => { cluster.admin.ok(['taint', 'node', NODE_NAME, `${NODE_TAINT.key}:${NODE_TAINT.effect}-`]); },
    startSeconds,
  };
}

function preflight(): void {
  const missing = ['containerd', 'runc', 'ctr', 'iptables', 'conntrack'].filter(tool => run('sh', ['-c', `command -v ${tool}`]).status !== 0);
  for (const plugin of ['bridge', 'host-local', 'loopback']) if (!fs.existsSync(path.join(CNI_BIN_DIR, plugin))) missing.push(`${CNI_BIN_DIR}/${plugin}`);
  if (missing.length > 0) {
    throw new HarnessError(`the node needs ${missing.join(', ')}: apt-get install containerd runc iptables conntrack containernetworking-plugins (.ci/run installs them)`);
  }
  if (!fs.existsSync('/dev/kmsg')) throw new HarnessError('the kubelet needs /dev/kmsg (its OOM watcher reads it); see: ls -l /dev/kmsg');
}

/** The machine's cgroup hierarchies (v1 controllers and, on a hybrid machine, the v2 one). */
function cgroupMounts(): string[] {
  return fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n')
    .map(line => line.split(' - '))
    .filter(parts => parts.length === 2 && /^cgroup2? /.test(parts[1]))
    .map(parts => parts[0].split(' ')[4]);
}

/**
 * The kubelet's own cgroup root, in every hierarchy, so its pods' cgroups (and its cleanup of
 * cgroups it does not know) stay inside it, apart from the machine's and another run's.
 */
function createCgroupRoot(daemons: Daemons, root: string): void {
  const mounts = cgroupMounts();
  if (mounts.length === 0) throw new HarnessError('no cgroup hierarchy is mounted; see: grep cgroup /proc/self/mountinfo');
  daemons.atStop(`cgroup ${root}`, () => removeCgroupTree(mounts.map(m => path.join(m, root))));
  for (const mount of mounts) {
    const dir = path.join(mount, root);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new HarnessError(`cannot create the node's cgroup ${dir}: ${(error as Error).message}\n  the command that shows it: mkdir ${dir}`);
    }
    // A v1 cpuset cgroup starts with no CPUs and no memory nodes: give it its parent's.
    for (const file of ['cpuset.cpus', 'cpuset.mems']) {
      const parent = path.join(mount, file);
      if (fs.existsSync(parent) && fs.existsSync(path.join(dir, file))) fs.writeFileSync(path.join(dir, file), fs.readFileSync(parent));
    }
  }
}

function removeCgroupTree(roots: readonly string[]): void {
  const left: string[] = [];
  for (const root of roots) {
    if (!fs.existsSync(root)) continue;
    const dirs: string[] = [];
    const walk = (d: string) => { dirs.push(d); for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(d, e.name)); };
    walk(root);
    for (const d of dirs.reverse()) {
      // Bounded: a cgroup empties within moments of its last process being killed.
      for (let attempt = 0; attempt < 50 && fs.existsSync(d); attempt++) {
        try { fs.rmdirSync(d); } catch { killCgroupProcs(d); sleepSync(100); }
      }
      if (fs.existsSync(d)) left.push(d);
    }
  }
  if (left.length > 0) throw new Error(`cgroups still in use: ${left.join(', ')} (see: cat ${left[0]}/cgroup.procs)`);
}

function killCgroupProcs(dir: string): void {
  const procs = path.join(dir, 'cgroup.procs');
  if (!fs.existsSync(procs)) return;
  for (const pid of fs.readFileSync(procs, 'utf8').split('\n').filter(Boolean)) {
    try { process.kill(Number(pid), 'SIGKILL'); } catch { /* gone */ }
  }
}

/** Every process in the node's network namespace (shims, host-network containers) and its cgroups. */
function killNodeProcesses(netnsId: string, cgroupRoot: string): void {
  for (let round = 0; round < 20; round++) {
    let found = 0;
    for (const mount of cgroupMounts()) {
      const root = path.join(mount, cgroupRoot);
      if (!fs.existsSync(root)) continue;
      const walk = (d: string) => { killCgroupProcs(d); for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(d, e.name)); };
      walk(root);
    }
    for (const pid of fs.readdirSync('/proc').filter(p => /^\d+$/.test(p))) {
      if (Number(pid) === process.pid) continue;
      let ns = '';
      try { ns = fs.readlinkSync(`/proc/${pid}/ns/net`); } catch { continue; }
      if (ns !== netnsId) continue;
      found++;
      try { process.kill(Number(pid), 'SIGKILL'); } catch { /* gone */ }
    }
    if (found === 0) return;
    sleepSync(200);
  }
}

interface NamespaceHolder extends RunningDaemon {
  /** readlink /proc/PID/ns/net of the node's namespace. */
  readonly netnsId: string;
}

/**
 * A process that holds the node's network namespace and a mount namespace of its own, which every
 * node daemon joins (nsenter --target): the kubelet's volume mounts, containerd's overlay mounts, the
 * pods' namespace files (/run/netns), shim sockets (/run/containerd) and CNI state (/var/lib/cni) all
 * live there and vanish with it; the machine's mount table never sees them.
 */
async function startNamespaceHolder(daemons: Daemons, dir: string, network: NodeNetwork): Promise<NamespaceHolder> {
  const script = [
    'set -e',
    'for d in /run/netns /run/containerd /var/lib/cni; do mkdir -p "$d"; mount -t tmpfs -o mode=0755 spark-tenancy-e2e "$d"; done',
    'echo ready',
    'exec sleep 2147483647',
  ].join('\n');
  const holder = daemons.start('node namespaces', 'nsenter', [`--net=/run/netns/${network.netns}`, '--', 'unshare', '--mount', '--propagation', 'private', '--', 'sh', '-c', script],
    path.join(dir, 'namespaces.log'));
  await waitUntil('the node\'s mount namespace', () => holder.tail().includes('ready') && comm(holder.child.pid!) === 'sleep', {
    timeoutMs: 10_000, intervalMs: 100, gaveUp: () => holder.exited,
    describe: () => `${holder.tail()}\n  the command that shows it: nsenter --net=/run/netns/${network.netns} unshare --mount --propagation private true`,
  });
  return Object.assign(holder, { netnsId: fs.readlinkSync(`/proc/${holder.child.pid}/ns/net`) });
}

function comm(pid: number): string {
  try { return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { return ''; }
}

function writeContainerdConfig(dir: string, socket: string, network: NodeNetwork, sandboxImage: string): string {
  const cniConfDir = path.join(dir, 'cni', 'net.d');
  fs.mkdirSync(cniConfDir, { recursive: true });
  // The pods' network: the suite's bridge and block. Pods get routes to the Service range and to the
  // host end of the veth only (no default route); no masquerade: nothing is NATed to the outside.
  fs.writeFileSync(path.join(cniConfDir, '10-spark-tenancy-e2e.conflist'), JSON.stringify({
    cniVersion: '0.4.0',
    name: 'spark-tenancy-e2e',
    plugins: [{
      type: 'bridge',
      bridge: network.bridge,
      isGateway: true,
      ipMasq: false,
      hairpinMode: true,
      ipam: {
        type: 'host-local',
        ranges: [[{ subnet: network.podCidr, gateway: network.podGateway }]],
        routes: [{ dst: network.serviceCidr }, { dst: `${network.hostIp}/32` }],
        dataDir: path.join(dir, 'cni', 'ipam'),
      },
    }, { type: 'portmap', capabilities: { portMappings: true } }],
  }, null, 2));
  const config = path.join(dir, 'config.toml');
  fs.writeFileSync(config, `# containerd of the suite's node: its own root, state and socket; nothing shared with the machine's.
version = 2
root = ${JSON.stringify(path.join(dir, 'root'))}
state = ${JSON.stringify(path.join(dir, 'state'))}
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs", "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

[grpc]
  address = ${JSON.stringify(socket)}

[ttrpc]
  address = ${JSON.stringify(`${socket}.ttrpc`)}

[metrics]
  address = ""

[plugins."io.containerd.internal.v1.opt"]
  path = ${JSON.stringify(path.join(dir, 'opt'))}

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = ${JSON.stringify(sandboxImage)}
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  disable_apparmor = true
  # The kubelet asks -998 for sandboxes; lowering oom_score_adj needs CAP_SYS_RESOURCE, which a CI
  # sandbox may not give (runc then fails with "can't get final child's PID from pipe"): clamp it to containerd's own.
  restrict_oom_score_adj = true

  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"

    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"

      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = ${JSON.stringify(path.join(dir, 'state', 'runc'))}

  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = ${JSON.stringify(CNI_BIN_DIR)}
    conf_dir = ${JSON.stringify(cniConfDir)}
    max_conf_num = 1

  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = ${JSON.stringify(path.join(dir, 'certs.d'))}
`);
  return config;
}

/** containerd answers and its CRI plugin loaded; a CRI plugin that failed to load is an error now, not a hang. */
function criReady(socket: string): boolean {
  if (!fs.existsSync(socket)) return false;
  const plugins = run('ctr', ['--address', socket, 'plugins', 'ls']);
  if (plugins.status !== 0) return false;
  const cri = plugins.stdout.split('\n').find(line => /\bio\.containerd\.grpc\.v1\s+cri\b/.test(line));
  if (cri && !/\bok\s*$/.test(cri)) throw new HarnessError(`containerd's CRI plugin did not load: ${cri.trim()}\n  the command that shows it: ctr --address ${socket} plugins ls`);
  return cri !== undefined;
}

async function startScheduler(ctx: E2eContext, daemons: Daemons, dir: string): Promise<void> {
  const { cluster, tools } = ctx;
  const identity = issueClientCertificate(cluster.pki, 'scheduler', '/CN=system:kube-scheduler');
  const kubeconfig = writeKubeconfig(path.join(dir, 'scheduler.kubeconfig'), cluster.server, cluster.pki.caCert, identity);
  const port = await freePort();
  const scheduler = daemons.start('kube-scheduler', tools.bin.kubeScheduler, [
    ...controlPlaneComponentFlags(kubeconfig, port, path.join(dir, 'scheduler-certs')),
    '-v=1',
  ], path.join(dir, 'kube-scheduler.log'));
  // Working, not merely started: /readyz turns 200 once its informers have synced.
  await waitUntil('kube-scheduler /readyz', async () => await httpStatus(`https://127.0.0.1:${port}/readyz`) === 200, {
    timeoutMs: 60_000, intervalMs: 500, gaveUp: () => scheduler.exited, describe: () => scheduler.tail(),
  });
}

/**
 * Restores what the kubelet changes in the machine's kernel settings, when the last node of the
 * suites running on this machine stops (runs side by side share the settings, so the first one's
 * original values are kept in /run until then).
 */
function guardKernelTunables(daemons: Daemons): void {
  const stateDir = '/run/spark-tenancy-e2e';
  const state = path.join(stateDir, 'kernel-tunables.json');
  type State = { original: Record<string, string>; holders: number[] };
  const read = (): State | undefined => { try { return JSON.parse(fs.readFileSync(state, 'utf8')) as State; } catch { return undefined; } };
  const aliveHolders = (s: State | undefined) => (s?.holders ?? []).filter(pid => pid !== process.pid && fs.existsSync(`/proc/${pid}`));
  const current = read();
  const original = aliveHolders(current).length > 0 ? current!.original
    : Object.fromEntries(KUBELET_TUNABLES.map(t => [t, fs.readFileSync(`/proc/sys/${t}`, 'utf8').trim()]));
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(state, JSON.stringify({ original, holders: [...aliveHolders(current), process.pid] }));
  daemons.atStop('the kernel settings the kubelet changed', () => {
    const now = read();
    const others = aliveHolders(now);
    if (others.length > 0) { fs.writeFileSync(state, JSON.stringify({ original: now!.original, holders: others })); return; }
    for (const [tunable, value] of Object.entries(now?.original ?? original)) fs.writeFileSync(`/proc/sys/${tunable}`, value);
    fs.rmSync(state, { force: true });
  });
}

async function startKubelet(ctx: E2eContext, daemons: Daemons, dir: string, socket: string, cgroupRoot: string, command: string[]): Promise<void> {
  const { cluster } = ctx;
  const { network } = cluster;
  const identity = issueClientCertificate(cluster.pki, 'kubelet', `/O=system:nodes/CN=system:node:${NODE_NAME}`);
  const kubeconfig = writeKubeconfig(path.join(dir, 'kubelet.kubeconfig'), cluster.server, cluster.pki.caCert, identity);
  const root = path.join(dir, 'kubelet');
  fs.mkdirSync(root, { recursive: true });
  const config = path.join(dir, 'kubelet-config.json');
  fs.writeFileSync(config, JSON.stringify({
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    address: network.nodeIp,
    port: 10250,
    readOnlyPort: 0,
    healthzBindAddress: '127.0.0.1',
    authentication: { anonymous: { enabled: false }, webhook: { enabled: true }, x509: { clientCAFile: cluster.pki.caCert } },
    authorization: { mode: 'Webhook' },
    containerRuntimeEndpoint: `unix://${socket}`,
    cgroupDriver: 'cgroupfs',
    cgroupRoot,
    // This machine mounts cgroup v1 controllers (a hybrid layout); the kubelet refuses those by default.
    failCgroupV1: false,
    failSwapOn: false,
    clusterDNS: [network.dnsServiceIp],
    clusterDomain: 'cluster.local',
    // No nameserver of the machine's is handed to pods: DNS is CoreDNS's, which forwards nowhere.
    resolvConf: '',
    podLogsDir: path.join(dir, 'pod-logs'),
    // A shared CI disk: evict only when it is really full, and never collect the images built here.
    evictionHard: { 'memory.available': '100Mi', 'nodefs.available': '1%', 'imagefs.available': '1%', 'nodefs.inodesFree': '1%' },
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
    serializeImagePulls: false,
    protectKernelDefaults: false,
    staticPodPath: '',
    registerWithTaints: [NODE_TAINT],
  }, null, 2));
  const kubelet = daemons.start('kubelet', 'nsenter', [...command,
    `--config=${config}`,
    `--kubeconfig=${kubeconfig}`,
    `--root-dir=${root}`,
    `--cert-dir=${path.join(root, 'pki')}`,
    `--hostname-override=${NODE_NAME}`,
    `--node-ip=${network.nodeIp}`,
    '-v=1',
  ], path.join(dir, 'kubelet.log'));
  await waitUntil(`Node ${NODE_NAME} Ready`, () => nodeReady(ctx), {
    timeoutMs: READY_TIMEOUT_MS, intervalMs: 1000, gaveUp: () => kubelet.exited,
    describe: () => `${kubelet.tail(25)}\n  node conditions: ${nodeConditions(ctx)}\n  the command that shows it: kubectl describe node ${NODE_NAME}; the kubelet's log: ${kubelet.log}`,
  });
}

function nodeObject(ctx: E2eContext): KubeObject | undefined {
  const result = ctx.cluster.admin.run(['get', 'node', NODE_NAME, '-o', 'json']);
  return result.status === 0 ? JSON.parse(result.stdout) as KubeObject : undefined;
}

type Condition = { type: string; status: string; reason?: string; message?: string };

function nodeReady(ctx: E2eContext): boolean {
  const conditions = ((nodeObject(ctx)?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []);
  return conditions.some(c => c.type === 'Ready' && c.status === 'True');
}

function nodeConditions(ctx: E2eContext): string {
  const conditions = ((nodeObject(ctx)?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []);
  return conditions.length === 0 ? 'no Node object yet' : conditions.map(c => `${c.type}=${c.status}${c.message ? ` (${c.message})` : ''}`).join('; ');
}

async function startKubeProxy(ctx: E2eContext, daemons: Daemons, dir: string, holder: NamespaceHolder, command: string[]): Promise<void> {
  const { cluster } = ctx;
  const identity = issueClientCertificate(cluster.pki, 'kube-proxy', '/CN=system:kube-proxy');
  const kubeconfig = writeKubeconfig(path.join(dir, 'kube-proxy.kubeconfig'), cluster.server, cluster.pki.caCert, identity);
  const config = path.join(dir, 'kube-proxy-config.json');
  fs.writeFileSync(config, JSON.stringify({
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    kind: 'KubeProxyConfiguration',
    mode: 'iptables',
    clientConnection: { kubeconfig },
    hostnameOverride: NODE_NAME,
    clusterCIDR: cluster.network.podCidr,
    healthzBindAddress: '127.0.0.1:10256',
    metricsBindAddress: '127.0.0.1:10249',
    // Leave the machine-wide conntrack settings as they are.
    conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: '0s', tcpCloseWaitTimeout: '0s' },
    iptables: { localhostNodePorts: false },
    nodePortAddresses: [`${cluster.network.nodeIp}/32`],
  }, null, 2));
  const proxy = daemons.start('kube-proxy', 'nsenter', [...command, `--config=${config}`, '-v=1'], path.join(dir, 'kube-proxy.log'));
  // Working, not merely started: the `kubernetes` Service has its rules in the node's nat table.
  const rules = () => run('nsenter', ['--target', String(holder.child.pid), '--net', '--', 'iptables', '-t', 'nat', '-S', 'KUBE-SERVICES']).stdout;
  await waitUntil('kube-proxy', () => rules().includes('default/kubernetes:https'), {
    timeoutMs: 60_000, intervalMs: 500, gaveUp: () => proxy.exited,
    describe: () => `${proxy.tail()}\n  the command that shows it: nsenter --net=/run/netns/${cluster.network.netns} iptables -t nat -S KUBE-SERVICES`,
  });
}

/**
 * CoreDNS as a process on the host end of the veth (the Service kube-dns points at it through an
 * EndpointSlice): it serves cluster.local and the reverse zones from the API server, as its
 * ServiceAccount, and has no forward plugin at all: any other name is refused.
 */
async function startCoreDns(ctx: E2eContext, daemons: Daemons, dir: string): Promise<void> {
  const { cluster, tools } = ctx;
  const { admin, network } = cluster;
  admin.ok(['apply', '--server-side', '--field-manager=spark-tenancy-e2e', '-f', '-'], JSON.stringify({
    apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace: 'kube-system' } },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:coredns' },
        rules: [
          { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
          { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'system:coredns' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:coredns' },
        subjects: [{ kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' }],
      },
      {
        apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
        spec: { clusterIP: network.dnsServiceIp, ports: [{ name: 'dns', protocol: 'UDP', port: 53 }, { name: 'dns-tcp', protocol: 'TCP', port: 53 }] },
      },
      {
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
        metadata: { name: 'kube-dns-host', namespace: 'kube-system', labels: { 'kubernetes.io/service-name': 'kube-dns' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: [network.hostIp], conditions: { ready: true } }],
        ports: [{ name: 'dns', protocol: 'UDP', port: 53 }, { name: 'dns-tcp', protocol: 'TCP', port: 53 }],
      },
    ],
  }));
  const kubeconfig = writeKubeconfig(path.join(dir, 'coredns.kubeconfig'), cluster.server, cluster.pki.caCert,
    { token: admin.createToken('kube-system', 'coredns') });
  const readyPort = await freePort();
  const corefile = path.join(dir, 'Corefile');
  fs.writeFileSync(corefile, `cluster.local:53 in-addr.arpa:53 ip6.arpa:53 {
    bind ${network.hostIp}
    errors
    ready 127.0.0.1:${readyPort}
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig ${kubeconfig} e2e
        pods insecure
    }
    cache 5
}
`);
  const coredns = daemons.start('coredns', tools.bin.coredns, ['-conf', corefile], path.join(dir, 'coredns.log'));
  await waitUntil('CoreDNS (its kubernetes plugin synced with the API server)', () => httpStatus(`http://127.0.0.1:${readyPort}/ready`).then(s => s === 200), {
    timeoutMs: 60_000, intervalMs: 500, gaveUp: () => coredns.exited, describe: () => coredns.tail(),
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0];
}
