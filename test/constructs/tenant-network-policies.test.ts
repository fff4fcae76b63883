import * as fs from 'fs';
import * as path from 'path';
import { loadPlatformFile } from '../../src';
import { loadPlatformText } from '../../src/platform-spec/loader';
import { COMPONENT_LABEL, PLATFORM_LABEL } from '../../src/names';
import { tenantPodTemplates } from '../../src/spark/pod-templates';
import { findObject, parseManifest, synthNamespaces } from '../../src/testing';

/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'example');
const platform = loadPlatformFile(path.join(EXAMPLE, 'platform.yaml'));
const manifests = synthNamespaces(platform);
type Json = Record<string, any>;
const objectsOf = (ns: string) => parseManifest(manifests.get(ns)!);
const policy = (ns: string, name: string): Json => findObject(objectsOf(ns), 'NetworkPolicy', name) as Json;
const namespaces = (values: string[]) => [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values }] } }];
const pods = (values: string[]) => [
  { podSelector: { matchLabels: { [PLATFORM_LABEL]: 'my-project' }, matchExpressions: [{ key: COMPONENT_LABEL, operator: 'In', values }] } },
];
const tcp = (...ports: number[]) => ports.map(port => ({ protocol: 'TCP', port }));

describe('TenantNetworkPolicies', () => {
  test('every tenant namespace denies all ingress by default, and the proxy namespace has no policy', () => {
    // GIVEN the example WHEN synthesized THEN each tenant has a default-deny policy over every pod
    for (const tenant of ['team-a', 'team-b', 'team-c']) {
      expect(policy(tenant, 'my-project-default-deny-ingress').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    }
    expect(objectsOf('my-project').filter(o => o.kind === 'NetworkPolicy')).toEqual([]);
  });

  test("drivers accept only their executors (7078, 7079), the proxy namespace's app port (8011) and the Spark UI (4040)", () => {
    const spec = policy('team-a', 'my-project-engine-ingress').spec;
    // THEN it selects the client-mode engine and cluster-mode drivers of this platform
    expect(spec.podSelector).toEqual(pods(['engine', 'driver'])[0].podSelector);
    // AND allows exactly these flows, nothing from another namespace's executors
    expect(spec.ingress).toEqual([
      { from: pods(['executor']), ports: tcp(7078, 7079) },
      // the app port and the UI both from the proxy namespace: one rule, the same flows as two
      { from: namespaces(['my-project']), ports: tcp(8011, 4040) },
    ]);
  });

  test("executors accept only the block manager port from their own namespace's drivers and executors", () => {
    const spec = policy('team-b', 'my-project-executor-ingress').spec;
    expect(spec.podSelector).toEqual(pods(['executor'])[0].podSelector);
    expect(spec.ingress).toEqual([{ from: pods(['engine', 'driver', 'executor']), ports: tcp(7079) }]);
  });

  test('network.sparkUiFrom opens the Spark UI to the namespaces it names instead of the proxy namespace', () => {
    // GIVEN the example with network.sparkUiFrom: [monitoring]
    const text = fs.readFileSync(path.join(EXAMPLE, 'platform.yaml'), 'utf8').replace('\ntenants:\n', '\nnetwork: { sparkUiFrom: [monitoring] }\ntenants:\n');
    const withUi = loadPlatformText(text, { file: 'platform.yaml', baseDir: EXAMPLE });
    // WHEN synthesized THEN only the UI rule changes
    const spec = (findObject(parseManifest(synthNamespaces(withUi).get('team-a')!), 'NetworkPolicy', 'my-project-engine-ingress') as Json).spec;
    expect(spec.ingress[2]).toEqual({ from: namespaces(['monitoring']), ports: tcp(4040) });
    expect(spec.ingress[1]).toEqual({ from: namespaces(['my-project']), ports: tcp(8011) });
  });

  test("a sparkUiFrom that adds namespaces to the proxy's keeps the app port to the proxy namespace alone", () => {
    // GIVEN network.sparkUiFrom naming the proxy namespace and another
    const text = fs
      .readFileSync(path.join(EXAMPLE, 'platform.yaml'), 'utf8')
      .replace('\ntenants:\n', '\nnetwork: { sparkUiFrom: [my-project, monitoring] }\ntenants:\n');
    const withUi = loadPlatformText(text, { file: 'platform.yaml', baseDir: EXAMPLE });
    // WHEN synthesized THEN the UI rule admits both, the app rule only the proxy namespace
    const spec = (findObject(parseManifest(synthNamespaces(withUi).get('team-a')!), 'NetworkPolicy', 'my-project-engine-ingress') as Json).spec;
    expect(spec.ingress.slice(1)).toEqual([
      { from: namespaces(['my-project']), ports: tcp(8011) },
      { from: namespaces(['monitoring', 'my-project']), ports: tcp(4040) },
    ]);
  });

  test('the labels the policies select on are on the engine pod and on both pod templates', () => {
    // GIVEN the engine Deployment and the pod templates of team-a
    const deployment = findObject(objectsOf('team-a'), 'Deployment', 'my-project-engine') as Json;
    const templates = tenantPodTemplates(platform, platform.spec.tenants[0]);
    // THEN each carries the platform label and its component
    expect(deployment.spec.template.metadata.labels).toMatchObject({ [PLATFORM_LABEL]: 'my-project', [COMPONENT_LABEL]: 'engine' });
    expect(templates.driver.text).toContain(`${COMPONENT_LABEL}: driver`);
    expect(templates.executor.text).toContain(`${COMPONENT_LABEL}: executor`);
    expect(templates.executor.text).toContain(`${PLATFORM_LABEL}: my-project`);
  });
});

describe('TenantNetworkPolicies egress', () => {
  /** The example with `network` (YAML flow mapping) and team-c's own egress entry. */
  function withEgress(network: string) {
    const text = fs
      .readFileSync(path.join(EXAMPLE, 'platform.yaml'), 'utf8')
      .replace('\ntenants:\n', `\nnetwork: ${network}\ntenants:\n`)
      .replace('  - namespace: team-c\n', '  - namespace: team-c\n    network: { egress: [{ name: warehouse, cidr: 10.0.3.5/32, ports: [443] }] }\n');
    return synthNamespaces(loadPlatformText(text, { file: 'platform.yaml', baseDir: EXAMPLE }));
  }

  test('without network.egress there is no egress policy (egress is not restricted)', () => {
    expect(
      objectsOf('team-a')
        .filter(o => o.kind === 'NetworkPolicy')
        .map(o => o.metadata.name),
    ).toEqual(['my-project-default-deny-ingress', 'my-project-engine-ingress', 'my-project-executor-ingress']);
  });

  test('with network.egress, pods reach their namespace, DNS, the API server and the declared endpoints only', () => {
    // GIVEN the platform's KDC and a tenant's own warehouse
    const out = withEgress('{ apiServer: { cidr: 10.0.0.1/32, port: 6443 }, egress: [{ name: kdc, cidr: 10.0.0.10/32, ports: [88, 749] }] }');
    // WHEN synthesized
    const a = (findObject(parseManifest(out.get('team-a')!), 'NetworkPolicy', 'my-project-egress') as Json).spec;
    const c = (findObject(parseManifest(out.get('team-c')!), 'NetworkPolicy', 'my-project-egress') as Json).spec;
    // THEN every pod's egress is limited to these rules
    expect(a.podSelector).toEqual({});
    expect(a.policyTypes).toEqual(['Egress']);
    expect(a.egress).toEqual([
      { to: [{ podSelector: {} }] },
      {
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
      { to: [{ ipBlock: { cidr: '10.0.0.1/32' } }], ports: tcp(6443) },
      { to: [{ ipBlock: { cidr: '10.0.0.10/32' } }], ports: tcp(88, 749) },
    ]);
    // AND a tenant's own entry is added for that tenant alone
    expect(c.egress.slice(3)).toEqual([
      { to: [{ ipBlock: { cidr: '10.0.0.10/32' } }], ports: tcp(88, 749) },
      { to: [{ ipBlock: { cidr: '10.0.3.5/32' } }], ports: tcp(443) },
    ]);
  });
});
