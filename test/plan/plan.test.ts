import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { synthPlatform } from '../../src';
import { tempDirs } from '../harness/temp-dirs';
import { FIXTURE_TENANTS, fixtureSpec, writeFixture } from './fixture';
import { jsonPlan, plan } from './run';

const tmp = tempDirs();

function fixture(tenants?: readonly string[]): { dir: string; spec: string; dist: string } {
  const dir = tmp('plan-');
  const spec = writeFixture(dir, tenants);
  return { dir, spec, dist: path.join(dir, 'dist') };
}

describe('plan', () => {
  test('a spec whose dist/ is up to date plans nothing and exits 0', async () => {
    // GIVEN a fixture whose dist/ was just synthesized
    const { spec, dist } = fixture();
    // WHEN it is planned
    const result = await plan(['--spec', spec, '--dist', dist]);
    // THEN nothing changes
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('no changes');
  });

  test('changing krb5.conf names every engine and the proxy that roll, because of that file', async () => {
    // GIVEN a committed dist/, then a change to the krb5.conf every role receives
    const { dir, spec, dist } = fixture();
    fs.appendFileSync(path.join(dir, 'conf', 'krb5.conf'), '  dns_lookup_kdc = false\n');
    // WHEN it is planned
    const { code, plan: result } = await jsonPlan(spec, dist);
    // THEN the proxy and the three engines roll, each naming krb5.conf and its source
    expect(code).toBe(2);
    expect(result.rolls.map(r => r.object).sort()).toEqual([
      'Deployment blue/fleet-engine',
      'Deployment fleet-proxy/fleet-proxy',
      'Deployment green/fleet-engine',
      'Deployment red/fleet-engine',
    ]);
    for (const roll of result.rolls) {
      expect(roll.reasons).toContainEqual({ kind: 'file', path: '/etc/fleet/krb5/krb5.conf', file: 'krb5.conf', source: 'conf/krb5.conf', change: 'changed' });
      // AND no pod template rolls with it; where the executors' plan holds krb5.conf's hash (objects), their fragment names the file
      if (roll.component === 'engine') {
        for (const template of roll.reasons.filter(r => r.kind === 'template')) {
          expect(template).toMatchObject({ file: 'spark.tenancy.executor.fragment', because: [{ kind: 'file', file: 'krb5.conf' }] });
        }
      }
    }
    expect(result.pods).toBe(4);
    expect(result.risks.filter(r => r.kind === 'proxy')).toHaveLength(1);
    // AND the text a reviewer reads says the same
    const text = await plan(['--spec', spec, '--dist', dist]);
    expect(text.stdout).toMatch(
      /~ Deployment fleet-engine in blue, green \(2 namespaces\) \(engine, 2 pod\(s\)\): file krb5\.conf \(conf\/krb5\.conf\) changed/,
    );
    // AND red (objects: its executors' plan names krb5.conf's hash) says why its executors change too
    expect(text.stdout).toMatch(
      /~ Deployment red\/fleet-engine \(engine, 1 pod\(s\)\): file krb5\.conf \(conf\/krb5\.conf\) changed; spark\.tenancy\.executor\.fragment \(a feature step's fragment\) because file krb5\.conf \(conf\/krb5\.conf\) changed/,
    );
    expect(text.stdout).toMatch(/~ Deployment fleet-proxy\/fleet-proxy \(proxy, 1 pod\(s\)\): file krb5\.conf \(conf\/krb5\.conf\) changed/);
    expect(text.stdout).toContain('rolls: 4 pod(s) restart');
  });

  test('with pod templates, an engine rolls naming its executor template, and the file the template changed for', async () => {
    // GIVEN the fixture delivering with pod templates, committed, then krb5.conf changed
    const dir = tmp('plan-templates-');
    const spec = writeFixture(dir, FIXTURE_TENANTS, 'podTemplates');
    fs.appendFileSync(path.join(dir, 'conf', 'krb5.conf'), '  dns_lookup_kdc = false\n');
    // WHEN it is planned
    const { plan: result } = await jsonPlan(spec, path.join(dir, 'dist'));
    // THEN each engine names its executor template, because of krb5.conf
    const engines = result.rolls.filter(r => r.component === 'engine');
    expect(engines).toHaveLength(3);
    for (const roll of engines) {
      expect(roll.reasons).toContainEqual(
        expect.objectContaining({ kind: 'template', file: 'executor-template.yaml', because: [expect.objectContaining({ kind: 'file', file: 'krb5.conf' })] }),
      );
    }
  });

  test('a Spark property change names the property and its values, and only engines roll', async () => {
    // GIVEN a tenant's executor count raised in the spec
    const { spec, dist } = fixture();
    fs.writeFileSync(
      spec,
      fixtureSpec().replace('  - { namespace: blue }', '  - { namespace: blue, spark: { properties: { spark.executor.instances: "6" } } }'),
    );
    // WHEN it is planned
    const { plan: result } = await jsonPlan(spec, dist);
    // THEN blue's engine rolls because of that property (its spark-defaults.conf), and nothing else rolls
    expect(result.rolls.map(r => r.object)).toEqual(['Deployment blue/fleet-engine']);
    expect(result.rolls[0].reasons).toContainEqual(expect.objectContaining({ kind: 'property', key: 'spark.executor.instances', after: '6' }));
  });

  test('adding a tenant prints the new namespace and the Secret it needs, and leaves the proxy alone', async () => {
    // GIVEN a committed dist/ for three tenants, and a fourth added to the spec
    const { spec, dist } = fixture();
    fs.writeFileSync(spec, fixtureSpec(['blue', 'green', 'red', 'violet']));
    // WHEN it is planned
    const { code, plan: result } = await jsonPlan(spec, dist);
    // THEN violet is a new namespace that newly needs its Secret, and the proxy namespace does not
    // change (the proxy reads a tenant's launch configuration from the tenant's namespace)
    expect(code).toBe(2);
    const violet = result.namespaces.find(n => n.namespace === 'violet');
    expect(violet).toMatchObject({ status: 'added', removed: [], changed: [] });
    expect(violet!.added).toEqual(expect.arrayContaining(['Namespace violet', 'Deployment violet/fleet-engine']));
    expect(result.namespaces.map(n => n.namespace)).not.toContain('fleet-proxy');
    expect(result.risks).not.toContainEqual(expect.objectContaining({ kind: 'proxy' }));
    expect(result.risks).toContainEqual(expect.objectContaining({ kind: 'secret-required', namespace: 'violet' }));
    expect(result.risks).toContainEqual(expect.objectContaining({ kind: 'rbac', namespace: 'violet' }));
    // AND the tenants that did not change are counted, not listed
    expect(result.unchanged).toBe(4);
    expect(result.namespaces.map(n => n.namespace)).not.toContain('blue');
  });

  test('removing a tenant prints what a prune would delete', async () => {
    // GIVEN a committed dist/ for three tenants, and green removed from the spec
    const { spec, dist } = fixture();
    const committed = fs.readFileSync(path.join(dist, 'green.k8s.yaml'), 'utf8');
    fs.writeFileSync(spec, fixtureSpec(['blue', 'red']));
    // WHEN it is planned
    const { plan: result } = await jsonPlan(spec, dist);
    // THEN green is removed with every object it held, and a risk line says a prune deletes them
    const green = result.namespaces.find(n => n.namespace === 'green')!;
    expect(green.status).toBe('removed');
    const objects = committed.split(/^---\n/m).length;
    expect(green.removed).toHaveLength(objects);
    expect(green.removed).toContain('Namespace green');
    const risk = result.risks.find(r => r.kind === 'namespace-removed');
    expect(risk).toMatchObject({ namespace: 'green' });
    expect(risk!.message).toContain(`prune deletes its ${objects} objects`);
    expect(risk!.message).toMatch(/1 Deployment/);
  });

  test('hand edits in the committed dist/ are reported as drift, by object', async () => {
    // GIVEN a dist/ where someone changed krb5.conf inside red's ConfigMap and added an object by hand
    const { spec, dist } = fixture();
    const red = path.join(dist, 'red.k8s.yaml');
    fs.writeFileSync(red, fs.readFileSync(red, 'utf8').replace('default_realm = EXAMPLE.COM', 'default_realm = HOTFIX.COM'));
    fs.appendFileSync(path.join(dist, 'blue.k8s.yaml'), '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: debug\n  namespace: blue\n');
    // WHEN it is planned
    const { code, plan: result } = await jsonPlan(spec, dist);
    // THEN each edit is drift on its object, and the synth's change undoes them
    expect(code).toBe(2);
    expect(result.drift).toContainEqual(
      expect.objectContaining({ namespace: 'red', object: 'ConfigMap red/fleet-files', message: expect.stringContaining('/etc/fleet/krb5/krb5.conf') }),
    );
    expect(result.drift).toContainEqual(
      expect.objectContaining({ namespace: 'blue', object: 'ConfigMap blue/debug', message: expect.stringContaining('not written by spark-tenancy') }),
    );
    expect(result.namespaces.find(n => n.namespace === 'blue')?.removed).toEqual(['ConfigMap blue/debug']);
    expect(result.drift.filter(d => d.namespace === 'green')).toEqual([]);
  });

  test('a missing dist/ says so and plans everything as new', async () => {
    // GIVEN a spec without any committed output
    const { spec, dir } = fixture();
    const dist = path.join(dir, 'nowhere');
    // WHEN it is planned
    const { code, plan: result } = await jsonPlan(spec, dist);
    // THEN the plan says why and every namespace is added
    expect(code).toBe(2);
    expect(result.baselineMissing).toMatch(/cannot read .*nowhere\/: ENOENT/);
    expect(result.namespaces.map(n => [n.namespace, n.status])).toEqual([
      ['blue', 'added'],
      ['fleet-proxy', 'added'],
      ['green', 'added'],
      ['red', 'added'],
    ]);
    const text = await plan(['--spec', spec, '--dist', dist]);
    expect(text.stdout).toContain('everything is planned as new');
  });

  test('a spec error prints the positioned errors, plans nothing and exits 1', async () => {
    // GIVEN a spec with an invalid namespace name
    const { spec, dist } = fixture();
    fs.writeFileSync(spec, fixtureSpec().replace('namespace: green', 'namespace: Green_Team'));
    // WHEN it is planned
    const result = await plan(['--spec', spec, '--dist', dist]);
    // THEN the usual file:line:col error, nothing on stdout
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: .*platform\.yaml:\d+:\d+: tenants\[1\]\.namespace: /m);
    expect(result.stderr).toContain('nothing was planned');
  });

  test('--against reads dist/ as committed at a git ref, not the working tree', async () => {
    // GIVEN a repository whose commit holds the synthesized dist/, then a krb5.conf change synthesized into the working tree
    const { dir, spec, dist } = fixture();
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'platform');
    fs.appendFileSync(path.join(dir, 'conf', 'krb5.conf'), '# rotated\n');
    synthPlatform({ specFile: spec, outdir: dist });
    // WHEN it is planned against HEAD, and against the working tree
    const against = await jsonPlan(spec, dist, ['--against', 'HEAD']);
    const onDisk = await jsonPlan(spec, dist);
    // THEN HEAD's dist/ is compared (everything rolls); the working tree is already synthesized (nothing changes)
    expect(against.plan.baseline).toBe('HEAD:dist/');
    expect(against.plan.rolls).toHaveLength(4);
    expect(against.plan.drift).toEqual([]);
    expect(onDisk.code).toBe(0);
    // AND an unknown ref is an error, not an empty baseline
    const unknown = await plan(['--spec', spec, '--dist', dist, '--against', 'no-such-ref']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--against no-such-ref: no such commit');
  });

  test("--against also checks the committed dist/ against the spec at that ref: an edit that keeps synth's layout is drift", async () => {
    // GIVEN a commit whose dist/ has green's engine scaled to 3 by hand, as synth would lay it out
    const { dir, spec, dist } = fixture();
    const green = path.join(dist, 'green.k8s.yaml');
    const edited = fs.readFileSync(green, 'utf8').replace(/(kind: Deployment\n[\s\S]*?\n {2}replicas: )1\n/, '$13\n');
    expect(edited).not.toBe(fs.readFileSync(green, 'utf8'));
    fs.writeFileSync(green, edited);
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'scaled by hand');
    // WHEN it is planned against that commit, and against the folder (which has no spec to compare with)
    const against = await jsonPlan(spec, dist, ['--against', 'HEAD']);
    const onDisk = await jsonPlan(spec, dist);
    // THEN with the ref the Deployment is drift, naming the field; the folder alone shows it only as a change
    expect(against.plan.drift).toEqual([{ namespace: 'green', object: 'Deployment green/fleet-engine', message: expect.stringContaining('(spec.replicas)') }]);
    expect(onDisk.plan.drift).toEqual([]);
    expect(onDisk.plan.namespaces).toEqual([
      expect.objectContaining({ namespace: 'green', changed: [{ object: 'Deployment green/fleet-engine', fields: ['spec.replicas'] }] }),
    ]);
  });

  test('--help prints the usage and exits 0; an unknown option exits 1', async () => {
    expect((await plan(['--help'])).stdout).toContain('usage: spark-tenancy plan');
    expect((await plan(['--frobnicate'])).code).toBe(1);
  });
});
