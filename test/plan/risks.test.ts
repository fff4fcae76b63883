import * as fs from 'fs';
import * as path from 'path';
import { tempDirs } from '../harness/temp-dirs';
import { fixtureSpec, writeFixture } from './fixture';
import { oversizedFiles } from '../../src/plan/risks';
import { jsonPlan } from './run';

const tmp = tempDirs();

function fixture(): { dir: string; spec: string; dist: string } {
  const dir = tmp('risks-');
  return { dir, spec: writeFixture(dir), dist: path.join(dir, 'dist') };
}

describe('risk lines', () => {
  test('a Role the synth grants more than the committed one is an RBAC widening, by verb and resource', async () => {
    // GIVEN a committed Role that lacks a verb the package grants (as after an upgrade that adds it)
    const { spec, dist } = fixture();
    const blue = path.join(dist, 'blue.k8s.yaml');
    const text = fs.readFileSync(blue, 'utf8');
    const narrowed = text.replace(/(kind: Role\nmetadata:[\s\S]*?name: fleet-spark-driver\n[\s\S]*?verbs:\n(?:\s+- \w+\n)*?)\s+- deletecollection\n/, '$1');
    expect(narrowed).not.toBe(text);
    fs.writeFileSync(blue, narrowed);
    // WHEN it is planned
    const { plan } = await jsonPlan(spec, dist);
    // THEN the risk names the Role and the grant it gains
    const rbac = plan.risks.filter(r => r.kind === 'rbac');
    expect(rbac).toHaveLength(1);
    expect(rbac[0].message).toMatch(/^Role blue\/fleet-spark-driver widens: deletecollection \w+$/);
  });

  test('a Pod Security level change prints the labels before and after', async () => {
    // GIVEN tenant namespaces lowered to baseline
    const { spec, dist } = fixture();
    fs.writeFileSync(spec, `${fixtureSpec()}security: { podSecurity: baseline }\n`);
    // WHEN it is planned
    const { plan } = await jsonPlan(spec, dist);
    // THEN every namespace (the proxy's follows the same setting) has a pod-security risk that shows the level going from restricted to baseline
    const risks = plan.risks.filter(r => r.kind === 'pod-security');
    expect(risks.map(r => r.namespace).sort()).toEqual(['blue', 'fleet-proxy', 'green', 'red']);
    expect(risks[0].message).toMatch(/enforce=restricted.* → .*enforce=baseline/);
  });

  test('opening the Spark UI to another namespace is a NetworkPolicy change in every tenant namespace', async () => {
    // GIVEN the Spark UI opened to a monitoring namespace
    const { spec, dist } = fixture();
    fs.writeFileSync(spec, `${fixtureSpec()}network: { sparkUiFrom: [monitoring] }\n`);
    // WHEN it is planned
    const { plan } = await jsonPlan(spec, dist);
    // THEN each tenant's engine ingress policy is named, and nothing rolls
    const risks = plan.risks.filter(r => r.kind === 'network-policy');
    expect(risks.map(r => r.message.split(' is ')[0]).sort()).toEqual([
      'NetworkPolicy blue/fleet-engine-ingress',
      'NetworkPolicy green/fleet-engine-ingress',
      'NetworkPolicy red/fleet-engine-ingress',
    ]);
    expect(plan.rolls).toEqual([]);
  });
});

describe('oversizedFiles', () => {
  test('names each file over the limit, and only those', () => {
    // GIVEN two namespaces' files, one over a limit of 1,000 bytes
    const files = [
      { namespace: 'proxy', bytes: 1_001, objects: [], unreadable: [] },
      { namespace: 'team-a', bytes: 1_000, objects: [], unreadable: [] },
    ];
    // WHEN checked
    const risks = oversizedFiles(files, 1_000);
    // THEN only the proxy's file is a size risk, with its size and the limit
    expect(risks).toEqual([
      { kind: 'size', namespace: 'proxy', message: expect.stringContaining("proxy.k8s.yaml is 1,001 bytes, over Argo CD's 1,000-byte limit") },
    ]);
  });
});
