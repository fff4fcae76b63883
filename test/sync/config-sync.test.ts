import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseProperties } from 'dot-properties';
import { parse } from 'yaml';
import { loadPlatformFile, Platform, PlatformSpec, resolvePlatform, Role } from '../../src';
import { filesFor } from '../../src/platform-spec/platform';
import { findObject, ManifestObject, parseManifest, synthNamespaces } from '../../src/testing';
import { STAGING_FOLDER } from '../../src/platform-spec/checks/files';
import { deliveredFiles, fragmentPodSpec } from '../../src/plan/pod-files';
import { FRAGMENT_PROPERTIES } from '../../src/spark/launch-fragments';
import { planArguments, readConfigSyncCommand } from '../../src/sync/config-sync';
import { JsonObject } from '../../src/validate/types';
import { materializerScript } from '../../src/sync/materializer-script';
import { hasShell, isKubeletFaithful, runConfigSync, SandboxResult, Shell } from '../harness/pod-sandbox';
import { FoundPod, namespaceObjects, podsIn } from '../harness/pods';

const REPO = path.join(__dirname, '..', '..');
/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'example');

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
  // With pod templates every pod is in the manifests (the feature steps' pods are built at launch: below).
  const example = loadPlatformFile(path.join(EXAMPLE, 'platform.yaml'));
  const platform: Platform = { ...example, spec: { ...example.spec, delivery: 'podTemplates' } };
  const manifests = new Map([...synthNamespaces(platform)].map(([ns, yaml]) => [ns, parseManifest(yaml)]));
  const objectsOf = (ns: string) => namespaceObjects(manifests.get(ns)!, clusterSecrets(platform));
  const pods = [...manifests.values()].flatMap(podsIn);

  test('finds the proxy, every engine and both templates of every tenant', () => {
    // THEN proxy Deployment + per tenant: engine Deployment, and the driver and executor templates of its Spark ConfigMap
    const tenants = platform.spec.tenants.length;
    expect(pods).toHaveLength(1 + tenants * 3);
  });

  test.each(pods.map(p => [p.description, p] as const))('%s: every file of its role arrives intact', (_, pod) => {
    // GIVEN the synthesized pod and the objects of the namespace it runs in
    // WHEN its config-sync init container runs under dash
    const result = runConfigSync(pod.spec, objectsOf(pod.namespace), {
      shell: 'dash',
      imageFiles: { '/my_project/resources/config/log4j2.xml': '<Configuration/>' },
    });
    // THEN each declared file is at mountPath/name with the source's bytes and mode
    expectRoleFiles(platform, roleOf(pod), result, pod.description);
    // AND the secret file's folder lived in memory, never on the node's disk
    if (filesFor(platform, roleOf(pod)).some(f => f.secret)) {
      expect(result.fsType('/my_project/resources/kerberos')).toBe('tmpfs');
    }
  });

  test("the engine's config-sync writes only spec files (its Spark files come from the ConfigMap), and keeps the image content it preserves", () => {
    // GIVEN team-a's engine
    const objects = manifests.get('team-a')!;
    const pod = podsIn(objects).find(p => p.description === 'Deployment team-a/my-project-engine')!;
    // WHEN its init container runs with an image that ships log4j2.xml in a preserved folder
    const result = runConfigSync(pod.spec, objectsOf('team-a'), {
      shell: 'dash',
      imageFiles: { '/my_project/resources/config/log4j2.xml': '<Configuration/>' },
    });
    // THEN the image's file is still there, and nothing lands in the Spark folders the ConfigMap volumes fill
    expect(result.read('/my_project/resources/config/log4j2.xml')?.toString()).toBe('<Configuration/>');
    expect(result.listFiles().filter(f => f.startsWith('/opt/spark-tenancy/'))).toEqual([]);
  });

  test('nested: the executor template the engine mounts delivers the executor files', () => {
    // GIVEN the executor template of team-c's Spark ConfigMap (objects transport) and team-a's (env)
    for (const ns of ['team-a', 'team-c']) {
      const template = (findObject(manifests.get(ns)!, 'ConfigMap', 'my-project-spark').data as Record<string, string>)['executor-template.yaml'];
      // WHEN Spark builds an executor from it and the executor's init container runs
      const executor = parse(template) as { spec: FoundPod['spec'] };
      const result = runConfigSync(executor.spec, objectsOf(ns), { shell: 'dash' });
      // THEN the executor has every executor file
      expectRoleFiles(platform, 'executor', result, `${ns} executor`);
    }
  });

  test("with the feature steps, each fragment's pod gets its role's files, the inline ones read from its launcher's", () => {
    // GIVEN the default delivery: the proxy's and the engines' pods, and the fragments in the tenants' Spark ConfigMaps
    const steps = new Map([...synthNamespaces(example)].map(([ns, yaml]) => [ns, parseManifest(yaml)]));
    const stepObjectsOf = (ns: string) => namespaceObjects(steps.get(ns)!, clusterSecrets(example));
    const proxyNs = example.spec.proxy.namespace;
    const proxy = podsIn(steps.get(proxyNs)!).find(p => p.description.startsWith('Deployment'))!;
    const proxyFiles = deliveredFiles(proxy.spec as unknown as JsonObject, []);
    for (const ns of ['team-a', 'team-c']) {
      const objects = steps.get(ns)!;
      const data = findObject(objects, 'ConfigMap', 'my-project-spark').data as Record<string, string>;
      const fragment = (conf: string, role: 'engine' | 'executor') =>
        JSON.parse((parseProperties(data[conf]) as Record<string, string>)[FRAGMENT_PROPERTIES[role]]) as JsonObject;
      // WHEN EngineSetup builds an engine from the proxy's files, and ExecutorSetup an executor from the engine's
      const engine = fragmentPodSpec(fragment('cluster-spark-defaults.conf', 'engine'), proxyFiles);
      const engineRun = runConfigSync(engine as unknown as FoundPod['spec'], stepObjectsOf(ns), { shell: 'dash' });
      const engineFiles = deliveredFiles(engine, []);
      const executor = fragmentPodSpec(fragment('spark-defaults.conf', 'executor'), engineFiles);
      // THEN both init containers run, and each pod has every file of its role
      expectRoleFiles(example, 'engine', engineRun, `${ns} engine launched by the proxy`);
      expectRoleFiles(example, 'executor', runConfigSync(executor as unknown as FoundPod['spec'], stepObjectsOf(ns), { shell: 'dash' }), `${ns} executor`);
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
    const noEnv = runConfigSync(engineOf('team-a').spec, objectsOf('team-a'), {
      shell: 'dash',
      editEnv: env => {
        delete env.CFG_KRB5_CONF_0;
      },
    });
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
    fs.writeFileSync(path.join(dir, 'keytab'), Buffer.concat([Buffer.from([5, 2]), bytes(298, 9)])); // a keytab's magic, then anything
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
      const env = (engine.spec.initContainers![0] as { env: { name: string; value: string }[] }).env;
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
    const plan = planArguments([['env', 'X', '1', sha, '0400', `${volume}/f`]]);
    const run = () =>
      require('child_process').spawnSync('dash', [script, ...plan], { env: { PATH: '/usr/bin:/bin', X_0: content.toString('base64') }, encoding: 'utf8' });
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
      name: 'odd',
      image: 'registry.example.com/odd:1',
      roleEnv: 'ODD_EXECUTOR',
      proxy: { namespace: 'odd-proxy' },
      files: [{ name: 'huge.bin', source: 'huge.bin', mountPath: '/etc/odd', roles: ['engine'] }],
      tenants: [{ namespace: 'odd-a' }],
    };
    // WHEN the platform is synthesized THEN the error says what and how to fix it
    expect(() => synthNamespaces(resolvePlatform(spec, { baseDir: dir }))).toThrow(
      /^files\[0\]: huge\.bin is 614400 bytes, 819200 as base64 in the (driver pod template|engine Deployment|proxy Deployment) (of|in) odd-(a|proxy), over the env transport budget of 524288 characters per pod; use "transport: objects" for this platform or tenant$/,
    );
  });
});

describe('config-sync against hostile or broken input, in a kubelet-faithful sandbox', () => {
  const platform = loadPlatformFile(path.join(EXAMPLE, 'platform.yaml'));
  const manifests = new Map([...synthNamespaces(platform)].map(([ns, yaml]) => [ns, parseManifest(yaml)]));
  const engine = podsIn(manifests.get('team-a')!).find(p => p.description.startsWith('Deployment'))!;
  const withSecret = (bytes: Buffer) => namespaceObjects(manifests.get('team-a')!, new Map([['my-project-secrets', new Map([['app.keytab', bytes]])]]));
  const imageConfig = '/my_project/resources/config';

  test("the sandbox is kubelet-faithful here: the init container runs as the pod's uid and gid with fsGroup, not as root", () => {
    // GIVEN this test process (CI runs as root, which the sandbox needs to lay volumes out as the kubelet does)
    expect({
      kubeletFaithful: isKubeletFaithful(),
      why: 'run the tests as root (as CI does): the sandbox needs it to run the init container as uid 185',
    }).toEqual({ kubeletFaithful: true, why: expect.any(String) });
    // WHEN team-a's engine init container runs
    const result = runConfigSync(engine.spec, withSecret(platform.files.find(f => f.secret)!.content!), { shell: 'dash' });
    // THEN it ran as 185:185 with fsGroup 185 and succeeded
    expect(result.identity).toEqual({ uid: 185, gid: 185, groups: [185] });
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('preserveImageContent seeds a root-owned 0777 emptyDir as uid 185; the old cp -R -p cannot', () => {
    const secret = withSecret(platform.files.find(f => f.secret)!.content!);
    const imageFiles = { [`${imageConfig}/log4j2.xml`]: '<Configuration/>', [`${imageConfig}/sub/nested.xml`]: '<n/>' };
    // GIVEN the engine, whose /my_project/resources/config volume is seeded from the image
    // WHEN its init container runs as uid 185 on a kubelet-laid-out volume
    const seeded = runConfigSync(engine.spec, secret, { shell: 'dash', imageFiles });
    // THEN the image's files, nested ones too, are there beside the declared file
    expect({ status: seeded.status, stderr: seeded.stderr }).toEqual({ status: 0, stderr: '' });
    expect(seeded.read(`${imageConfig}/log4j2.xml`)?.toString()).toBe('<Configuration/>');
    expect(seeded.read(`${imageConfig}/sub/nested.xml`)?.toString()).toBe('<n/>');
    // GIVEN the same pod with the earlier seeding command, which keeps owner and times of the volume root
    const old = JSON.parse(JSON.stringify(engine.spec)) as typeof engine.spec;
    const init = old.initContainers!.find(c => c.name === 'config-sync')!;
    // (inlined, so the sandbox runs this script rather than the image's)
    init.command = ['/bin/sh', '-c', materializerScript().replace('seed_dir "$2" "$3"', 'cp -R -p -f "$2/." "$3/"'), 'config-sync', ...init.command!.slice(2)];
    expect(init.command!.join('\n')).toContain('cp -R -p -f');
    // WHEN it runs there THEN it fails: uid 185 cannot set the times of the root-owned volume root
    const failed = runConfigSync(old, secret, { shell: 'dash', imageFiles });
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toMatch(/cp: preserving times for .*: Operation not permitted/);
    expect(failed.stderr).toContain(
      `config-sync: /var/run/spark-tenancy/volumes/cfg-my-project-resources-config: cannot seed from image folder ${imageConfig}`,
    );
  });

  test('seeding skips symbolic links and special files in the image instead of following them', () => {
    // GIVEN an image whose preserved folder holds a link to a file, a link and a folder named like the staging folder, and a FIFO
    const result = runConfigSync(engine.spec, withSecret(platform.files.find(f => f.secret)!.content!), {
      shell: 'dash',
      imageFiles: {
        [`${imageConfig}/log4j2.xml`]: '<Configuration/>',
        '/elsewhere/victim': 'original\n',
        [`${imageConfig}/sub/${STAGING_FOLDER}/application.properties`]: 'planted',
      },
      imageLinks: { [`${imageConfig}/passwd`]: '/etc/passwd', [`${imageConfig}/${STAGING_FOLDER}`]: '/elsewhere' },
      imageFifos: [`${imageConfig}/pipe`],
    });
    // WHEN the init container seeds the volume THEN it succeeds, names what it skipped, and copied only the regular file
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.stdout).toContain(`config-sync: seed: skipped symbolic link ${imageConfig}/passwd`);
    expect(result.stdout).toContain(`config-sync: seed: skipped symbolic link ${imageConfig}/${STAGING_FOLDER}`);
    expect(result.stdout).toContain(`config-sync: seed: skipped special file ${imageConfig}/pipe`);
    expect(result.stdout).toContain(`config-sync: seed: skipped ${imageConfig}/sub/${STAGING_FOLDER} (the staging folder's name)`);
    expect(
      result
        .listFiles()
        .filter(f => f.startsWith(imageConfig))
        .sort(),
    ).toEqual([`${imageConfig}/application.properties`, `${imageConfig}/log4j2.xml`]);
  });

  test.each([
    ['empty', Buffer.alloc(0), "the secret's value is empty (is the key set in the Secret, or in the secret store?)"],
    [
      'not a keytab (base64 text)',
      Buffer.from('BQIAAAA9AAEL'),
      'not a keytab: it starts with 0x4251, a keytab starts with 0x0502 (stored base64-encoded? set remoteRef.decodingStrategy)',
    ],
  ])('a secret key that is %s fails the init container naming the file, and writes nothing', (_, bytes, reason) => {
    // GIVEN the cluster's Secret holds a broken keytab
    // WHEN the engine's init container runs
    const result = runConfigSync(engine.spec, withSecret(bytes), { shell: 'dash' });
    // THEN it fails with the file and the reason, and the pod would not start on partial config
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`config-sync: /var/run/spark-tenancy/volumes/cfg-my-project-resources-kerberos/app.keytab: ${reason}\n`);
    expect(result.read('/my_project/resources/kerberos/app.keytab')).toBeUndefined();
    expect(result.read('/tmp/krb5_conf/krb5.conf')).toBeUndefined();
  });

  test('a file named like an old staging file (.app.keytab.config-sync) cannot replace the keytab', () => {
    // GIVEN a spec whose attacker file, listed first, is named as the keytab's staging file used to be
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'staging-name-'));
    fs.writeFileSync(path.join(dir, 'evil'), Buffer.from([5, 2, 0x66, 0x61, 0x6b, 0x65]));
    const keytab = Buffer.from([5, 2, 0, 0, 0, 0x3d, 0x72, 0x65, 0x61, 0x6c]);
    const spec: PlatformSpec = {
      name: 'stg',
      image: 'registry.example.com/stg:1',
      roleEnv: 'STG_EXECUTOR',
      proxy: { namespace: 'stg-proxy' },
      files: [
        { name: '.app.keytab.config-sync', source: 'evil', mountPath: '/etc/stg', roles: ['engine'] },
        { name: 'app.keytab', secret: true, mountPath: '/etc/stg', roles: ['engine'] },
      ],
      tenants: [{ namespace: 'stg-a' }],
    };
    const objects = parseManifest(synthNamespaces(resolvePlatform(spec, { baseDir: dir })).get('stg-a')!);
    const pod = podsIn(objects).find(p => p.description.startsWith('Deployment'))!;
    // WHEN the engine's init container runs with the real keytab in the cluster's Secret
    const result = runConfigSync(pod.spec, namespaceObjects(objects, new Map([['stg-secrets', new Map([['app.keytab', keytab]])]])), { shell: 'dash' });
    // THEN both files are what they say, the keytab the Secret's, and no staging folder is left
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    expect(result.read('/etc/stg/app.keytab')).toEqual(keytab);
    expect(result.listFiles().sort()).toEqual(['/etc/stg/.app.keytab.config-sync', '/etc/stg/app.keytab']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the materializer stages in the folder the spec refuses as a file name', () => {
    // GIVEN the script and the loader's reserved name THEN they are the same folder
    expect(fs.readFileSync(path.join(REPO, 'image', 'materialize.sh'), 'utf8')).toContain(`\nSTAGING=${STAGING_FOLDER}\n`);
  });
});

export type { ManifestObject };

describe('the plan on the wire (format 2)', () => {
  test('every operation in one argument after `version N`, read back as written', () => {
    const operations = [
      ['seed', '/etc/app', '/s/cfg-etc-app'],
      ['env', 'CFG_A', '2', 'f'.repeat(64), '0444', '/s/cfg-etc-app/a b*.conf'],
    ];
    const args = planArguments(operations);
    expect(args).toEqual(['version', '2', `seed\t/etc/app\t/s/cfg-etc-app\nenv\tCFG_A\t2\t${'f'.repeat(64)}\t0444\t/s/cfg-etc-app/a b*.conf`]);
    expect(readConfigSyncCommand(['/opt/bootstrap.sh', 'sync', ...args])).toEqual({ runner: ['/opt/bootstrap.sh', 'sync'], version: '2', operations });
  });

  test('a field holding a tab or a line break is refused at synth, not split apart in the pod', () => {
    expect(() => planArguments([['env', 'CFG_A', '1', 'f'.repeat(64), '0444', '/s/a\tb']])).toThrow('"/s/a\\tb" holds a tab or a line break');
    expect(() => planArguments([['file', '/src/x\ny', 'secret', '0400', '/s/x']])).toThrow('holds a tab or a line break');
  });

  test('a format 1 command (one argument per field, from a baseline before format 2) is still read', () => {
    // GIVEN the engine's init container as format 1 wrote it
    const command = [
      '/opt/bootstrap.sh',
      'sync',
      'version',
      '1',
      'seed',
      '/etc/app',
      '/s/cfg',
      'env',
      'CFG_A',
      '1',
      'f'.repeat(64),
      '0444',
      '/s/cfg/a.conf',
      'file',
      '/src/secret/k',
      'keytab',
      '0400',
      '/s/k/k.keytab',
    ];
    // THEN `npm run plan` against it sees the same operations as in format 2
    expect(readConfigSyncCommand(command).operations).toEqual([
      ['seed', '/etc/app', '/s/cfg'],
      ['env', 'CFG_A', '1', 'f'.repeat(64), '0444', '/s/cfg/a.conf'],
      ['file', '/src/secret/k', 'keytab', '0400', '/s/k/k.keytab'],
    ]);
  });
});
