import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { parseProbe, PodExpectation, probeCommand, probeProblems } from '../../e2e/lib/pod-probe';
import { NODE_SIZES, nodeSizedSpec, writeSpecVariant } from '../../e2e/lib/spec-variants';
import { expectedFiles } from '../../e2e/stages/files';
import { mergeHostAliases } from '../../src/pod/role-pod';
import { driverResourceProperties, quantityValue } from '../../src/spark/driver-resources';
import { executorSize, tenantSparkProperties } from '../../src/spark/executor-resources';
import { loadPlatformFile } from '../../src/platform-spec/loader';
import { tempDirs } from '../harness/temp-dirs';

const tmp = tempDirs();
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** The probe script run by this machine's own /bin/sh, as `kubectl exec` runs it in a container. */
function probe(paths: string[], env: NodeJS.ProcessEnv) {
  const [command, ...args] = probeCommand('MY_ROLE', paths);
  const result = spawnSync(command, args, { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });
  expect(result.status).toBe(0);
  return parseProbe(result.stdout);
}

describe('looking into a running container (the jobs on the node)', () => {
  const dir = tmp('probe-');
  const good = path.join(dir, 'krb5.conf');
  fs.writeFileSync(good, 'realm\n');
  fs.chmodSync(good, 0o444);
  const uid = process.getuid!();
  const hosts = parseProbe(
    fs
      .readFileSync('/etc/hosts', 'utf8')
      .split('\n')
      .map(l => `hosts ${l}`)
      .join('\n'),
  ).hosts;
  const expectation = (over: Partial<PodExpectation> = {}): PodExpectation => ({
    uid,
    roleEnv: 'MY_ROLE',
    roleEnvPresent: true,
    hostAliases: [...hosts].slice(0, 1).map(([ip, hostnames]) => ({ ip, hostnames })),
    files: [{ path: good, sha256: sha('realm\n'), mode: 0o444 }],
    ...over,
  });

  test('GIVEN a container holding what was generated WHEN probed THEN there is no problem', () => {
    const seen = probe([good], { MY_ROLE: '' });
    expect(seen.uid).toBe(uid);
    expect(seen.roleEnvPresent).toBe(true);
    expect(seen.files.get(good)).toEqual({ sha256: sha('realm\n'), mode: 0o444 });
    expect(probeProblems(seen, expectation())).toEqual([]);
  });

  test('GIVEN other bytes, another mode, a missing file WHEN probed THEN each is named', () => {
    const other = path.join(dir, 'other.conf');
    fs.writeFileSync(other, 'tampered\n');
    fs.chmodSync(other, 0o644);
    const seen = probe([other, path.join(dir, 'absent')], {});
    const problems = probeProblems(
      seen,
      expectation({
        roleEnvPresent: false,
        files: [
          { path: other, sha256: sha('realm\n'), mode: 0o644 },
          { path: path.join(dir, 'absent'), sha256: sha(''), mode: 0o444 },
        ],
      }),
    );
    expect(problems).toEqual([`${other}: sha256 ${sha('tampered\n')}, declared ${sha('realm\n')}`, `${path.join(dir, 'absent')}: missing`]);
    fs.writeFileSync(other, 'realm\n');
    expect(probeProblems(probe([other], {}), expectation({ roleEnvPresent: false, files: [{ path: other, sha256: sha('realm\n'), mode: 0o444 }] }))).toEqual([
      `${other}: mode 644, declared 444`,
    ]);
  });

  test('GIVEN the wrong user, role variable and host aliases WHEN probed THEN each is named', () => {
    const seen = probe([good], {});
    const problems = probeProblems(seen, expectation({ uid: uid + 1, hostAliases: [{ ip: '192.0.2.7', hostnames: ['kdc.example.com'] }] }));
    expect(problems).toEqual([
      `runs as uid ${uid}, generated ${uid + 1}`,
      'MY_ROLE is not set, generated set',
      '/etc/hosts lacks kdc.example.com → 192.0.2.7 (has nothing for it)',
    ]);
  });

  test('GIVEN a role variable that is not a variable name THEN the probe refuses to build', () => {
    expect(() => probeCommand('A;rm', [])).toThrow(/not a variable name/);
  });
});

describe("the example made to run on the suite's node", () => {
  const address = '10.244.0.1';
  const specFile = writeSpecVariant(tmp('node-spec-'), { rename: ns => `j-${ns}`, edit: nodeSizedSpec(address) });
  const platform = loadPlatformFile(specFile);

  test("GIVEN the variant THEN the package accepts it and every host alias of every pod points at the suite's address", () => {
    const aliases = [platform.spec.proxy, ...platform.spec.tenants].map(t =>
      mergeHostAliases(platform.spec.proxy.hostAliases, 'namespace' in t ? t.hostAliases : undefined),
    );
    expect(aliases.flat().length).toBeGreaterThan(0);
    expect(new Set(aliases.flat().map(a => a.ip))).toEqual(new Set([address]));
    // Everything but sizes, names and addresses is the example's.
    const example = loadPlatformFile(path.join(__dirname, '..', '..', 'platform.yaml'));
    expect(platform.spec.image).toBe(example.spec.image);
    expect(platform.files.map(f => [f.name, f.mountPath, f.roles, f.mode])).toEqual(example.files.map(f => [f.name, f.mountPath, f.roles, f.mode]));
    expect(platform.spec.tenants.map(t => t.transport)).toEqual(example.spec.tenants.map(t => t.transport));
  });

  test("GIVEN one tenant's jobs THEN the proxy, the engine or driver and its executors fit a 2-core node", () => {
    const engine = driverResourceProperties(platform.spec.engine?.resources);
    const proxyCpu = quantityValue(NODE_SIZES.proxy.requests.cpu)!;
    for (const tenant of platform.spec.tenants) {
      const executors = executorSize(tenantSparkProperties(platform.spec, tenant))!;
      const cpu = proxyCpu + quantityValue(engine['spark.kubernetes.driver.request.cores'])! + (executors.instances * executors.cpuRequestMillis) / 1000;
      const memoryMiB =
        quantityValue(NODE_SIZES.proxy.limits.memory)! / 2 ** 20 +
        quantityValue(NODE_SIZES.engine.limits.memory)! / 2 ** 20 +
        executors.instances * executors.memoryMiB;
      expect(cpu).toBeLessThanOrEqual(1);
      expect(memoryMiB).toBeLessThanOrEqual(4096);
    }
  });

  test("GIVEN the expected files of the engine THEN they are the declared ones with their bytes, a secret's from the cluster", () => {
    const keytab = Buffer.from([5, 2, 0, 1]);
    const files = expectedFiles(platform, 'engine', new Map([['my-project-secrets', new Map([['app.keytab', keytab]])]]));
    expect(files.map(f => f.path)).toEqual(platform.files.filter(f => f.roles.includes('engine')).map(f => `${f.mountPath}/${f.name}`));
    expect(files.find(f => f.path.endsWith('app.keytab'))!.sha256).toBe(createHash('sha256').update(keytab).digest('hex'));
    expect(expectedFiles(platform, 'engine', new Map()).find(f => f.path.endsWith('app.keytab'))!.sha256).toBeUndefined();
  });

  test('GIVEN the dist of the example THEN its own addresses are what the variant replaces', () => {
    const dist = parseAllDocuments(fs.readFileSync(path.join(__dirname, '..', '..', 'dist', 'team-c.k8s.yaml'), 'utf8')).map(d => JSON.stringify(d.toJS()));
    expect(dist.some(d => d.includes('10.0.3.5'))).toBe(true);
    expect(JSON.stringify(platform.spec)).not.toMatch(/10\.0\.\d+\.\d+/);
  });
});
