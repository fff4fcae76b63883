import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPlatformText } from '../../src/platform-spec/loader';
import { commonLabels } from '../../src/names';
import { parseManifest, synthNamespaces } from '../../src/testing';

/**
 * The example's network flows as a truth table, decided by a real NetworkPolicy engine: Cyclonus's
 * matcher (github.com/mattfenwick/cyclonus/pkg/matcher, from the Go proxy; policy-assistant of
 * kubernetes-sigs/network-policy-api grew from it, but its module path does not match its folder,
 * so the Go proxy cannot serve it). cyclonus/main.go only decodes input and prints the engine's
 * answer. The expected table is committed in flow-table.expected.txt. Go is required (never skipped).
 */

/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'example');
const HERE = path.join(__dirname, 'cyclonus');
const CACHE = path.join(os.homedir(), '.cache', 'spark-tenancy', 'network');

function engine(): string {
  const found = spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error('the flow table test needs go on PATH (to build the Cyclonus policy engine); install it (CI has it)');
  const hash = createHash('sha256');
  for (const f of ['go.mod', 'go.sum', 'main.go']) hash.update(fs.readFileSync(path.join(HERE, f)));
  const binary = path.join(CACHE, `cyclonus-${hash.digest('hex').slice(0, 16)}`);
  if (!fs.existsSync(binary)) {
    fs.mkdirSync(CACHE, { recursive: true });
    const built = spawnSync('go', ['build', '-mod=mod', '-o', binary, '.'], { cwd: HERE, encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' } });
    if (built.status !== 0) throw new Error(`go build of the policy engine: ${built.stderr}`);
  }
  return binary;
}

/** The example with egress isolation on: the KDC and name node declared, the API server's address. */
const spec = fs
  .readFileSync(path.join(EXAMPLE, 'platform.yaml'), 'utf8')
  .replace(
    '\ntenants:\n',
    [
      '',
      'network:',
      '  apiServer: { cidr: 10.0.0.1/32, port: 6443 }',
      '  egress:',
      '    - { name: kdc, cidr: 10.0.0.10/32, ports: [88] }',
      '    - { name: namenode, cidr: 10.0.0.20/32, ports: [8020] }',
      'tenants:',
      '',
    ].join('\n'),
  );
const platform = loadPlatformText(spec, { file: 'platform.yaml', baseDir: EXAMPLE });
const manifests = synthNamespaces(platform);
const policies = [...manifests.values()].flatMap(text => parseManifest(text)).filter(o => o.kind === 'NetworkPolicy');

interface Peer {
  name: string;
  namespace?: string;
  component?: string;
  ip: string;
}
const pod = (namespace: string, component: string, ip: string): Peer => ({ name: `${namespace}/${component}`, namespace, component, ip });
const external = (ip: string, name = ip): Peer => ({ name, ip });

const proxy = pod('my-project', 'proxy', '10.244.0.2');
const engineA = pod('team-a', 'engine', '10.244.1.2');
const executorA = pod('team-a', 'executor', '10.244.1.3');
const otherExecutorA = pod('team-a', 'executor', '10.244.1.4');
const engineB = pod('team-b', 'engine', '10.244.2.2');
const executorB = pod('team-b', 'executor', '10.244.2.3');
const driverC = pod('team-c', 'driver', '10.244.3.2');
const executorC = pod('team-c', 'executor', '10.244.3.3');
const outsider = pod('not-a-tenant', 'engine', '10.244.9.2');

const FLOWS: [Peer, Peer, number][] = [
  [executorA, engineA, 7078],
  [executorA, engineA, 7079],
  [engineA, executorA, 7079],
  [executorA, otherExecutorA, 7079],
  [driverC, executorC, 7079],
  [executorC, driverC, 7078],
  [proxy, engineA, 8011],
  [proxy, engineA, 4040],
  [proxy, engineA, 7078],
  [proxy, executorA, 7079],
  [executorA, engineA, 8011],
  [executorB, engineA, 7078],
  [executorB, engineA, 7079],
  [engineB, engineA, 8011],
  [executorB, executorA, 7079],
  [outsider, engineA, 8011],
  [external('203.0.113.7', 'outside the cluster'), engineA, 8011],
  [executorA, external('10.0.0.10', 'kdc 10.0.0.10'), 88],
  [engineA, external('10.0.0.20', 'namenode 10.0.0.20'), 8020],
  [engineA, external('10.0.0.1', 'API server 10.0.0.1'), 6443],
  [executorA, external('10.0.0.10', 'kdc 10.0.0.10'), 443],
  [executorA, external('198.51.100.9', 'undeclared 198.51.100.9'), 443],
  [executorA, pod('kube-system', 'kube-dns', '10.244.0.10'), 53],
];

const json = (p: Peer) =>
  p.namespace === undefined
    ? { ip: p.ip }
    : {
        namespace: p.namespace,
        namespaceLabels: { 'kubernetes.io/metadata.name': p.namespace },
        podLabels: p.component === 'kube-dns' ? { 'k8s-app': 'kube-dns' } : commonLabels(platform.spec, p.component!),
        ip: p.ip,
      };

describe('network flow truth table', () => {
  test("the example's NetworkPolicies, evaluated by Cyclonus, allow exactly the committed flows", () => {
    // GIVEN the example's policies (egress isolation on) and the flows of the table
    const traffic = FLOWS.flatMap(([from, to, port]) =>
      (port === 53 ? ['UDP', 'TCP'] : ['TCP']).map(protocol => ({ from: json(from), to: json(to), port, protocol })),
    );
    // WHEN the real engine decides each flow
    const run = spawnSync(engine(), [], { input: JSON.stringify({ policies, traffic }), encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const answers = run.stdout.trim().split('\n');
    expect(answers).toHaveLength(traffic.length);
    const rows = FLOWS.flatMap(([from, to, port]) => (port === 53 ? ['UDP', 'TCP'] : ['TCP']).map(protocol => [from.name, to.name, `${port}/${protocol}`]));
    const table = ['from | to | port | allowed', ...rows.map((r, i) => `${r.join(' | ')} | ${answers[i] === 'true' ? 'yes' : 'no'}`)].join('\n') + '\n';
    // THEN it is the committed table
    expect(table).toBe(fs.readFileSync(path.join(__dirname, 'flow-table.expected.txt'), 'utf8'));
  });
});
