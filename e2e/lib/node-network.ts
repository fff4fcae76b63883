import * as fs from 'fs';
import { Daemons, HarnessError, run } from './processes';

/**
 * The suite's own network: a network namespace for the node (kubelet, containerd, kube-proxy and
 * every pod's bridge live there, so their iptables rules, sysctls and links never touch the
 * machine's, and runs of the suite side by side do not see each other), joined to the machine by
 * one veth pair whose host end is where the API server and CoreDNS serve.
 *
 * Addresses, per run block B (10.213.B.0/24, a block no other run and no interface of the machine uses):
 *   10.213.B.1/30   host end of the veth: kube-apiserver, CoreDNS
 *   10.213.B.2/30   node end: the Node's InternalIP (kubelet)
 *   10.213.B.128/25 pods, on the node's bridge, gateway 10.213.B.129
 * The one route added on the machine sends the pod block into the veth (so replies to pods do not
 * go to the default route); it goes when the veth goes. The node namespace has no default route:
 * nothing a pod sends can leave the suite's own addresses.
 */
export interface NodeNetwork {
  /** Name under /run/netns. */
  readonly netns: string;
  readonly hostIp: string;
  readonly nodeIp: string;
  readonly podCidr: string;
  readonly podGateway: string;
  /** The node's bridge, inside the namespace. */
  readonly bridge: string;
  readonly serviceCidr: string;
  readonly dnsServiceIp: string;
}

export const SERVICE_CIDR = '10.96.0.0/16';
const DNS_SERVICE_IP = '10.96.0.10';
const BLOCK_PREFIX = '10.213';
const BLOCK_TRIES = 20;

/** Runs `ip` (or another command) and fails with its own error and the command that showed it. */
export function must(command: string, args: readonly string[], why: string): string {
  const result = run(command, args);
  if (result.status !== 0) {
    throw new HarnessError(`${why}: ${(result.stderr || result.stdout).trim()}\n  the command that shows it: ${command} ${args.join(' ')}`);
  }
  return result.stdout;
}

export function createNodeNetwork(daemons: Daemons): NodeNetwork {
  for (const tool of ['ip', 'nsenter', 'unshare']) {
    if (run('sh', ['-c', `command -v ${tool}`]).status !== 0) throw new HarnessError(`${tool} is missing: apt-get install iproute2 util-linux`);
  }
  const used = run('ip', ['-o', '-4', 'addr']).stdout + run('ip', ['-4', 'route']).stdout;
  const first = 20 + (process.pid % 200);
  for (let i = 0; i < BLOCK_TRIES; i++) {
    const block = 20 + ((first - 20 + i) % 200);
    if (used.includes(`${BLOCK_PREFIX}.${block}.`)) continue;
    const netns = `ste2e${block}`;
    // `ip netns add` fails when the name is taken: that claims the block against a parallel run.
    if (run('ip', ['netns', 'add', netns]).status !== 0) continue;
    return setUp(daemons, netns, block);
  }
  throw new HarnessError(`no free address block ${BLOCK_PREFIX}.{20..219}.0/24 for the node's network (${BLOCK_TRIES} tried); see: ip -o -4 addr; ip netns list`);
}

function setUp(daemons: Daemons, netns: string, block: number): NodeNetwork {
  const hostVeth = `${netns}h`;
  daemons.atStop(`network namespace ${netns}`, () => {
    // Deleting the host end deletes the pair and the route through it; the namespace takes its
    // bridge, iptables rules and sysctls with it once no process is left inside.
    run('ip', ['link', 'del', hostVeth]);
    const deleted = run('ip', ['netns', 'del', netns]);
    if (deleted.status !== 0 && fs.existsSync(`/run/netns/${netns}`)) throw new Error(`ip netns del ${netns}: ${deleted.stderr.trim()}`);
  });
  const net = `${BLOCK_PREFIX}.${block}`;
  const network: NodeNetwork = {
    netns,
    hostIp: `${net}.1`,
    nodeIp: `${net}.2`,
    podCidr: `${net}.128/25`,
    podGateway: `${net}.129`,
    bridge: 'ste2e0',
    serviceCidr: SERVICE_CIDR,
    dnsServiceIp: DNS_SERVICE_IP,
  };
  const inNs = (args: string[], why: string) => must('ip', ['netns', 'exec', netns, ...args], why);
  must('ip', ['link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', 'host0', 'netns', netns], 'cannot create the node\'s veth pair (CONFIG_VETH)');
  must('ip', ['addr', 'add', `${network.hostIp}/30`, 'dev', hostVeth], 'cannot address the veth');
  must('ip', ['link', 'set', hostVeth, 'up'], 'cannot bring the veth up');
  inNs(['ip', 'link', 'set', 'lo', 'up'], 'cannot bring up the node namespace\'s loopback');
  inNs(['ip', 'addr', 'add', `${network.nodeIp}/30`, 'dev', 'host0'], 'cannot address the node end of the veth');
  inNs(['ip', 'link', 'set', 'host0', 'up'], 'cannot bring the node end of the veth up');
  must('ip', ['route', 'add', network.podCidr, 'via', network.nodeIp, 'dev', hostVeth], 'cannot route the pod block into the node namespace');
  // Both are per network namespace: set inside the node's, they go with it.
  inNs(['sysctl', '-q', '-w', 'net.ipv4.ip_forward=1'], 'cannot enable forwarding in the node namespace');
  inNs(['sysctl', '-q', '-w', 'net.bridge.bridge-nf-call-iptables=1'],
    'cannot make bridged pod traffic pass iptables in the node namespace (br_netfilter)');
  return network;
}
