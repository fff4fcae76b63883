import * as fs from 'fs';
import * as path from 'path';
import { explainSpec, runExplain } from '../../src/explain/cli';
import { tempDirs } from '../harness/temp-dirs';
import { fixtureSpec, writeFixture } from './fixture';
import { mermaidBlocks, mermaidParse } from './mermaid';

const tmp = tempDirs();

describe('explain', () => {
  const dir = tmp('explain-');
  const spec = writeFixture(dir);
  const page = explainSpec(spec);
  // The same platform with egress isolation: its policies name addresses and another namespace's pods.
  const egressSpec = path.join(dir, 'egress.yaml');
  fs.writeFileSync(
    egressSpec,
    `${fixtureSpec()}network:\n  egress: [{ name: kdc, cidr: 10.0.0.10/32, ports: [88] }]\n  apiServer: { cidr: 10.96.0.1/32, port: 443 }\n`,
  );
  const egressPage = explainSpec(egressSpec);

  test('draws a diagram the real Mermaid parser accepts, and the parser rejects a broken one', () => {
    // GIVEN the page for the fixture platform, and the same diagram with an edge cut in half
    const [diagram] = mermaidBlocks(page);
    expect(diagram).toBeDefined();
    const broken = diagram.replace(/ -->\|("[^"]*")\| \w+/, ' -->|$1');
    expect(broken).not.toBe(diagram);
    // WHEN Mermaid parses both
    const [good, bad, egress] = mermaidParse([diagram, broken, ...mermaidBlocks(egressPage)]);
    // THEN it accepts the page's diagram (and the one with egress) as a flowchart, and refuses the broken one
    expect(good).toEqual({ ok: true, diagramType: 'flowchart-v2' });
    expect(egress).toEqual({ ok: true, diagramType: 'flowchart-v2' });
    expect(bad.ok).toBe(false);
  }, 90_000);

  test('shows every namespace, which files reach which pod by which transport, and the allowed flows', () => {
    // THEN the proxy namespace and both tenant groups are boxes
    expect(page).toContain('subgraph proxy_ns["namespace fleet-proxy (proxy)"]');
    expect(page).toContain('subgraph tenants_env["tenant namespaces, transport env: blue, green"]');
    expect(page).toContain('subgraph tenants_objects["tenant namespaces, transport objects: red"]');
    // AND krb5.conf reaches the executors inline on env, from the ConfigMap on objects; the keytab always from the Secret
    const row = (file: string) => page.split('\n').find(line => line.startsWith(`| ${file} |`));
    expect(row('krb5.conf')).toBe(
      '| krb5.conf | conf/krb5.conf | `/etc/fleet/krb5` | env var | env var | env var | ConfigMap fleet-files | ConfigMap fleet-files |',
    );
    expect(row('fleet.keytab')).toBe(
      '| fleet.keytab | the cluster (secret) | `/etc/fleet/keytab` | Secret fleet-secrets | Secret fleet-secrets | — | Secret fleet-secrets | — |',
    );
    // AND in the picture, red's executors get krb5.conf from its ConfigMap, blue's and green's inline
    const node = (group: string, text: string) => new RegExp(`^    (${group}_src_\\d+)\\[\\("${text}"\\)\\]$`, 'm').exec(page)?.[1];
    expect(page).toContain(`  ${node('tenants_objects', 'ConfigMap fleet-files')} -->|"krb5.conf"| tenants_objects_executor`);
    expect(page).toContain(`  ${node('tenants_env', 'env vars of config-sync \\(inline\\)')} -->|"krb5.conf"| tenants_env_executor`);
    // AND the proxy may reach the engines' application port and Spark UI, as the NetworkPolicies say
    expect(page).toContain('proxy -.->|"TCP 8011, TCP 4040"| tenants_env_engine');
  });

  test('with egress isolation, draws and lists where pods may connect', () => {
    // THEN every pod may reach the KDC's address on 88 and the cluster DNS, in the picture and the table
    expect(egressPage).toContain('  out_cidr_10_0_0_10_32["10.0.0.10/32"]');
    expect(egressPage).toContain('  tenants_objects_executor -.->|"TCP 88"| out_cidr_10_0_0_10_32');
    expect(egressPage).toContain('| blue, green | all pods | namespace kube-system, pods k8s-app=kube-dns | UDP 53, TCP 53 |');
    expect(egressPage).toContain('Egress is limited to these flows in: blue, green; red.');
    // AND without it the page says egress is open
    expect(page).toContain('No NetworkPolicy limits egress');
  });

  test('is deterministic', () => {
    expect(explainSpec(spec)).toBe(page);
  });

  test('writes the page to --out and exits 0; a spec error exits 1', async () => {
    const out = path.join(dir, 'docs', 'platform.md');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runExplain(['--spec', spec, '--out', out])).toBe(0);
      expect(fs.readFileSync(out, 'utf8')).toBe(page);
      expect(await runExplain(['--spec', path.join(dir, 'missing.yaml'), '--out', out])).toBe(1);
    } finally {
      stderr.mockRestore();
    }
  });
});
