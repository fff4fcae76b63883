import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { filesFor, loadPlatformFile, Platform, PlatformSpec, resolvePlatform, Role } from '../../src';
import { findObject, ManifestObject, parseManifest, synthNamespaces } from '../../src/testing';
import { hasShell, runConfigSync, SandboxResult, Shell } from '../harness/pod-sandbox';
import { FoundPod, namespaceObjects, podsIn } from '../harness/pods';

const REPO = path.join(__dirname, '..', '..');

/** The Secret as the cluster holds it (ExternalSecret-made): the example's fake keytab. */
function clusterSecrets(platform: Platform): Map<string, Map<string, Buffer>> {
  const data = new Map(platform.files.filter(f => f.secret && f.content).map(f => [f.key, f.content!]));
  return new Map([[`${platform.spec.name}-secrets`, data]]);
}

function roleOf(pod: FoundPod): Role {
  if (pod.description.includes('proxy')) return 'proxy';
  return pod.description.includes('executor-template') ? 'executor' : 'engine';
}

/** Every declared file of the role is in place, byte for byte, with its mode. */
function expectRoleFiles(platform: Platform, role: Role, result: SandboxResult, pod: string): void {
  expect({ pod, status: result.status, stderr: result.stderr }).toEqual({ pod, status: 0, stderr: '' });
  for (const file of filesFor(platform, role)) {
    const target = `${file.mountPath}/${file.name}`;
    expect({ target, bytes: result.read(target)?.toString('base64') }).toEqual({ target, bytes: file.content!.toString('base64') });
    expect({ target, mode: result.mode(target) }).toEqual({ target, mode: file.mode });
  }
}

describe('config-sync on the example platform, run for real', () => {
  const platform = loadPlatformFile(path.join(REPO, 'platform.yaml'));
  const manifests = new Map([...synthNamespaces(platform)].map(([ns, yaml]) => [ns, parseManifest(yaml)]));
  const objectsOf = (ns: string) => namespaceObjects(manifests.get(ns)!, clusterSecrets(platform));
  const pods = [...manifests.values()].flatMap(podsIn);

  test('finds the proxy, every engine and both templates of every tenant', () => {
    // THEN proxy Deployment + per tenant: engine Deployment, proxy-held driver and executor templates, engine-held executor template
    const tenants = platform.spec.tenants.length;
    expect(pods).toHaveLength(1 + tenants * 4);
  });

  test.each(pods.map(p => [p.description, p] as const))('%s: every file of its role arrives intact', (_, pod) => {
    // GIVEN the synthesized pod and the objects of the namespace it runs in
    // WHEN its config-sync init container runs under dash
    const result = runConfigSync(pod.spec, objectsOf(pod.namespace), { shell: 'dash', imageFiles: { '/my_project/resources/config/log4j2.xml': '<Configuration/>' } });
    // THEN each declared file is at mountPath/name with the source's bytes and mode
    expectRoleFiles(platform, roleOf(pod), result, pod.description);
    // AND the secret file's folder lived in memory, never on the node's disk
    if (filesFor(platform, roleOf(pod)).some(f => f.secret)) {
      expect(result.fsType('/my_project/resources/kerberos')).toBe('tmpfs');
    }
  });

  test('the engine also receives its spark-defaults.conf and executor template, and the image content it preserves', () => {
    // GIVEN team-a's engine
    const objects = manifests.get('team-a')!;
    const pod = podsIn(objects).find(p => p.description === 'Deployment team-a/my-project-engine')!;
    const sparkConfig = findObject(objects, 'ConfigMap', 'my-project-spark').data as Record<string, string>;
    // WHEN its init container runs with an image that ships log4j2.xml in a preserved folder
    const result = runConfigSync(pod.spec, objectsOf('team-a'), { shell: 'dash', imageFiles: { '/my_project/resources/config/log4j2.xml': '<Configuration/>' } });
    // THEN the generated files match the namespace's ConfigMap, and the image's file is still there
    expect(result.read('/opt/spark-tenancy/conf/spark-defaults.conf')?.toString()).toBe(sparkConfig['spark-defaults.conf']);
    expect(result.read('/opt/spark-tenancy/pod-templates/executor-template.yaml')?.toString()).toBe(sparkConfig['executor-template.yaml']);
    expect(result.read('/my_project/resources/config/log4j2.xml')?.toString()).toBe('<Configuration/>');
    // AND SPARK_CONF_DIR holds spark-defaults.conf alone: Spark copies every other file there into each
    // application's executor ConfigMap (and skips only spark*.conf / *template names)
    expect(result.listFiles().filter(f => f.startsWith('/opt/spark-tenancy/conf/'))).toEqual(['/opt/spark-tenancy/conf/spark-defaults.conf']);
  });

  test('nested: the executor template delivered into the engine itself delivers the executor files', () => {
    // GIVEN the executor template as team-c's engine (objects transport) and team-a's (env) receive it
    for (const ns of ['team-a', 'team-c']) {
      const engine = podsIn(manifests.get(ns)!).find(p => p.description.startsWith('Deployment'))!;
      const delivered = runConfigSync(engine.spec, objectsOf(ns), { shell: 'dash' }).read('/opt/spark-tenancy/pod-templates/executor-template.yaml');
      // WHEN Spark builds an executor from it and the executor's init container runs
      const executor = parse(delivered!.toString()) as { spec: FoundPod['spec'] };
      const result = runConfigSync(executor.spec, objectsOf(ns), { shell: 'dash' });
      // THEN the executor has every executor file
      expectRoleFiles(platform, 'executor', result, `${ns} executor`);
    }
  });

  test.each(['bash', 'busybox'] as Shell[])('the same init container works under %s', shell => {
    if (!hasShell(shell)) {
      console.warn(`SKIPPED: ${shell} is not installed here (.ci/run installs it)`);
      return;
    }
    for (const ns of ['team-a', 'team-c']) {
      const engine = podsIn(manifests.get(ns)!).find(p => p.description.startsWith('Deployment'))!;
      expectRoleFiles(platform, 'engine', runConfigSync(engine.spec, objectsOf(ns), { shell }), `${ns} under ${shell}`);
    }
  });

  test('a tampered payload fails the init container, naming the file, and writes nothing', () => {
    // GIVEN team-a's engine, whose krb5.conf rides in env
    const engine = podsIn(manifests.get('team-a')!).find(p => p.description.startsWith('Deployment'))!;
    // WHEN one base64 character of the payload is changed on the way
    const result = runConfigSync(engine.spec, objectsOf('team-a'), {
      shell: 'dash',
      editEnv: env => {
        const value = env.CFG_KRB5_CONF_0;
        env.CFG_KRB5_CONF_0 = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
      },
    });
    // THEN it exits non-zero with the file's path and the reason, and no file was renamed into place
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/config-sync: \/var\/run\/spark-tenancy\/volumes\/cfg-tmp-krb5-conf\/krb5\.conf: sha256 mismatch/);
    expect(result.read('/tmp/krb5_conf/krb5.conf')).toBeUndefined();
    expect(result.read('/my_project/resources/config/application.properties')).toBeUndefined();
  });

  test('a missing input fails the init container: an env chunk, a ConfigMap key, the Secret', () => {
    const engineOf = (ns: string) => podsIn(manifests.get(ns)!).find(p => p.description.startsWith('Deployment'))!;
    // GIVEN a missing env chunk
    const noEnv = runConfigSync(engineOf('team-a').spec, objectsOf('team-a'), { shell: 'dash', editEnv: env => { delete env.CFG_KRB5_CONF_0; } });
    expect(noEnv.status).not.toBe(0);
    expect(noEnv.stderr).toContain('missing env var CFG_KRB5_CONF_0');
    // GIVEN objects transport and a namespace without its files ConfigMap
    const withoutFiles = objectsOf('team-c');
    const configMaps = new Map(withoutFiles.configMaps);
    configMaps.delete('my-project-files');
    const noConfigMap = runConfigSync(engineOf('team-c').spec, { ...withoutFiles, configMaps }, { shell: 'dash' });
    expect(noConfigMap.status).not.toBe(0);
    expect(noConfigMap.stderr).toMatch(/config-sync: \S+: source \/var\/run\/spark-tenancy\/source\/files\/\S+ is missing/);
    // GIVEN a cluster that does not hold the Secret
    const noSecret = runConfigSync(engineOf('team-a').spec, namespaceObjects(manifests.get('team-a')!), { shell: 'dash' });
    expect(noSecret.status).not.toBe(0);
    expect(noSecret.stderr).toContain('app.keytab: source /var/run/spark-tenancy/source/secret/app.keytab is missing');
  });
});

describe('config-sync with unusual files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-files-'));
    const bytes = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 131 + seed * 17 + (i >> 7)) & 0xff));
    fs.writeFileSync(path.join(dir, 'empty'), '');
    fs.writeFileSync(path.join(dir, 'binary.bin'), bytes(4096, 3));
    fs.writeFileSync(path.join(dir, 'big.bin'), bytes(200 * 1024, 5)); // over the 128 KiB env string limit
    fs.writeFileSync(path.join(dir, 'spaced'), 'a file whose name has spaces\n');
    fs.writeFileSync(path.join(dir, 'keytab'), bytes(300, 9));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function platformWith(transport: 'env' | 'objects'): Platform {
    const spec: PlatformSpec = {
      name: 'odd',
      image: 'registry.example.com/odd:1',
      roleEnv: 'ODD_EXECUTOR',
      transport,
      proxy: { namespace: 'odd-proxy' },
      allowPlaintextSecrets: true,
      files: [
        { name: 'empty.conf', source: 'empty', mountPath: '/etc/odd', roles: ['engine', 'executor'] },
        { name: 'blob.bin', source: 'binary.bin', mountPath: '/etc/odd', roles: ['engine'], mode: '0640' },
        { name: 'big.bin', source: 'big.bin', mountPath: '/var/lib/odd/big', roles: ['engine'] },
        { name: 'my settings.conf', source: 'spaced', mountPath: '/etc/odd/with spaces', roles: ['engine'] },
        { name: 'odd.keytab', source: 'keytab', mountPath: '/etc/odd/secret', roles: ['engine', 'executor'], secret: true },
      ],
      tenants: [{ namespace: 'odd-a' }],
    };
    return resolvePlatform(spec, { baseDir: dir });
  }

  test.each(['env', 'objects'] as const)('%s transport: empty, binary, 200 KiB, spaced name and secret files arrive intact', transport => {
    // GIVEN a platform with awkward files
    const platform = platformWith(transport);
    const objects = parseManifest(synthNamespaces(platform).get('odd-a')!);
    const engine = podsIn(objects).find(p => p.description.startsWith('Deployment'))!;
    // WHEN the engine's init container runs
    const result = runConfigSync(engine.spec, namespaceObjects(objects), { shell: 'dash' });
    // THEN every file is exact, with its mode
    expectRoleFiles(platform, 'engine', result, `odd-a ${transport}`);
    if (transport === 'env') {
      // AND the 200 KiB file was split across env values that each fit Linux's 128 KiB string limit
      const env = ((engine.spec.initContainers![0] as { env: { name: string; value: string }[] }).env);
      const chunks = env.filter(e => e.name.startsWith('CFG_BIG_BIN_'));
      expect(chunks.length).toBeGreaterThan(2);
      for (const e of env) expect(e.name.length + 1 + e.value.length + 1).toBeLessThanOrEqual(128 * 1024);
    }
  });

  test('rerunning the init container on the same volumes is idempotent', () => {
    // GIVEN a plan the materializer already carried out once
    const volume = fs.mkdtempSync(path.join(os.tmpdir(), 'rerun-'));
    const content = Buffer.from('same bytes\n');
    const sha = require('crypto').createHash('sha256').update(content).digest('hex');
    const script = path.join(REPO, 'image', 'materialize.sh');
    const plan = ['env', 'X', '1', sha, '0400', `${volume}/f`];
    const run = () => require('child_process').spawnSync('dash', [script, ...plan], { env: { PATH: '/usr/bin:/bin', X_0: content.toString('base64') }, encoding: 'utf8' });
    expect(run().status).toBe(0);
    // WHEN it runs again (a restarted init container)
    const again = run();
    // THEN it succeeds with the same single file and mode
    expect(again.status).toBe(0);
    expect(fs.readFileSync(`${volume}/f`)).toEqual(content);
    expect(fs.statSync(`${volume}/f`).mode & 0o777).toBe(0o400);
    expect(fs.readdirSync(volume).filter(n => !n.endsWith('.config-sync'))).toEqual(['f']);
    fs.rmSync(volume, { recursive: true, force: true });
  });

  test('a file over the env budget fails synth naming the file, its size and the budget, suggesting objects', () => {
    // GIVEN a 600 KiB file in env transport
    fs.writeFileSync(path.join(dir, 'huge.bin'), Buffer.alloc(600 * 1024, 7));
    const spec: PlatformSpec = {
      name: 'odd', image: 'registry.example.com/odd:1', roleEnv: 'ODD_EXECUTOR', proxy: { namespace: 'odd-proxy' },
      files: [{ name: 'huge.bin', source: 'huge.bin', mountPath: '/etc/odd', roles: ['engine'] }],
      tenants: [{ namespace: 'odd-a' }],
    };
    // WHEN the platform is synthesized THEN the error says what and how to fix it
    expect(() => synthNamespaces(resolvePlatform(spec, { baseDir: dir }))).toThrow(
      /^files\[0\]: huge\.bin is 614400 bytes, 819200 as base64 in the (driver pod template|engine Deployment) (of|in) odd-a, over the env transport budget of 524288 characters per pod; use "transport: objects" for this platform or tenant$/,
    );
  });
});

export type { ManifestObject };
