import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PlatformSpec, resolvePlatform, SpecError } from '../../src';
import { checkTenantProperties } from '../../src/spark/tenant-properties';
import { findObject, parseManifest, synthNamespaces } from '../../src/testing';

const OPT_IN = 'if the platform team trusts every tenant with it, list it in tenantPolicy.allowSparkProperties';
const check = (props: Record<string, string>, allowed: string[] = []) => checkTenantProperties(props, { roleEnv: 'ROLE', allowed });

describe('the trust boundary for tenant Spark properties', () => {
  test('GIVEN properties a tenant owns WHEN checked THEN none is refused', () => {
    expect(
      check({
        'spark.executor.memory': '4g',
        'spark.sql.shuffle.partitions': '400',
        'spark.jars': 'local:///opt/app/extra.jar, local:///opt/app/b.jar',
        'spark.executorEnv.TZ': 'UTC',
        'spark.driver.extraJavaOptions': '-Xss4m -Dfile.encoding=UTF-8',
        'spark.kubernetes.executor.deleteOnTermination': 'false',
      }),
    ).toEqual([]);
  });

  test.each([
    ['spark.yarn.master', 'k8s://https://evil.example.com', "chooses the API server that spark-submit sends the proxy's ServiceAccount token to"],
    ['spark.kubernetes.driver.master', 'https://evil.example.com', "chooses the API server that spark-submit sends the proxy's ServiceAccount token to"],
    ['spark.kubernetes.authenticate.submission.oauthToken', 't', 'chooses the credentials (or the trust) the proxy and the engine use against the API server'],
    ['spark.kubernetes.trust.certificates', 'true', 'chooses the credentials (or the trust) the proxy and the engine use against the API server'],
    ['spark.kerberos.principal', 'other@EXAMPLE.COM', 'chooses the Kerberos identity (principal, keytab) the platform authenticates as'],
    ['spark.kubernetes.executor.volumes.hostPath.root.mount.path', '/host', 'mounts volumes or Secrets into the pods'],
    ['spark.kubernetes.driver.secrets.proxy-token', '/mnt', 'mounts volumes or Secrets into the pods'],
    ['spark.kubernetes.executor.container.image', 'evil/image:1', 'chooses the image the pods run'],
    ['spark.jars.packages', 'com.evil:x:1', 'makes spark-submit fetch code from repositories'],
    [
      'spark.files',
      '/var/run/secrets/kubernetes.io/serviceaccount/token',
      'lists "/var/run/secrets/kubernetes.io/serviceaccount/token", which spark-submit would fetch (a remote URL) or upload from the proxy (a path); only local:// paths inside the image are allowed',
    ],
    [
      'spark.archives',
      'https://evil.example.com/a.zip',
      'lists "https://evil.example.com/a.zip", which spark-submit would fetch (a remote URL) or upload from the proxy (a path); only local:// paths inside the image are allowed',
    ],
    [
      'spark.submit.pyFiles',
      's3a://evil/x.py',
      'lists "s3a://evil/x.py", which spark-submit would fetch (a remote URL) or upload from the proxy (a path); only local:// paths inside the image are allowed',
    ],
    [
      'spark.executor.extraJavaOptions',
      '-agentpath:/tmp/a.so',
      'passes -agentpath, which loads code or runs commands in the JVM or changes its Kerberos identity',
    ],
    [
      'spark.driver.extraJavaOptions',
      '-XX:OnOutOfMemoryError=/bin/sh',
      'passes -XX:OnOutOfMemoryError, which loads code or runs commands in the JVM or changes its Kerberos identity',
    ],
    ['spark.driver.extraClassPath', '/tmp/evil.jar', 'loads code into the driver or the executors'],
    ['spark.extraListeners', 'com.evil.Listener', 'loads code into the driver or the executors'],
    [
      'spark.kubernetes.driverEnv.JAVA_TOOL_OPTIONS',
      '-javaagent:/x.jar',
      'sets the environment variable JAVA_TOOL_OPTIONS, which loads code or chooses identity',
    ],
    ['spark.authenticate', 'false', 'changes how Spark authenticates, encrypts or redacts secrets'],
    ['spark.redaction.regex', 'nothing', 'changes how Spark authenticates, encrypts or redacts secrets'],
  ])('GIVEN a tenant %s WHEN checked THEN it is refused saying why', (key, value, why) => {
    expect(check({ [key]: value })).toEqual([{ key, message: `a tenant entry may not set "${key}": it ${why}; ${OPT_IN}` }]);
  });

  test("GIVEN a tenant spark.master WHEN checked THEN it is refused as the package's own key, whatever the opt-ins", () => {
    expect(checkTenantProperties({ 'spark.master': 'k8s://https://evil.example.com' }, { roleEnv: 'X', allowed: ['spark.master'] })).toEqual([
      { key: 'spark.master', message: '"spark.master" is set by the package from the Kubernetes API server (in-cluster); a tenant entry cannot replace it' },
    ]);
  });

  test('GIVEN a key the package sets WHEN a tenant sets it THEN it is refused even when the platform lists it', () => {
    expect(check({ 'spark.kubernetes.namespace': 'kube-system' }, ['spark.kubernetes.*'])).toEqual([
      {
        key: 'spark.kubernetes.namespace',
        message: '"spark.kubernetes.namespace" is set by the package from the tenant namespace; a tenant entry cannot replace it',
      },
    ]);
  });

  test('GIVEN tenantPolicy.allowSparkProperties WHEN a tenant sets a listed key or one under a listed prefix THEN it passes', () => {
    expect(
      check({ 'spark.plugins': 'com.example.Plugin', 'spark.sql.extensions': 'x', 'spark.kerberos.principal': 'p' }, ['spark.plugins', 'spark.sql.*']),
    ).toEqual([
      {
        key: 'spark.kerberos.principal',
        message: `a tenant entry may not set "spark.kerberos.principal": it chooses the Kerberos identity (principal, keytab) the platform authenticates as; ${OPT_IN}`,
      },
    ]);
  });
});

describe('platform-level opt-ins and merges, end to end', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenant-policy-'));
    fs.mkdirSync(path.join(dir, 'spec'));
    fs.mkdirSync(path.join(dir, 'shared'));
    fs.writeFileSync(path.join(dir, 'shared', 'krb5.conf'), '[libdefaults]\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const base = (extra: Partial<PlatformSpec>): PlatformSpec => ({
    name: 'pol',
    image: 'registry.example.com/pol:1',
    roleEnv: 'POL_EXECUTOR',
    proxy: { namespace: 'pol-proxy' },
    files: [],
    tenants: [{ namespace: 'pol-a' }],
    ...extra,
  });

  test('GIVEN tenantPolicy opt-ins WHEN a tenant sets the listed property and a package label THEN both reach the manifests', () => {
    const spec = base({
      tenantPolicy: { allowSparkProperties: ['spark.plugins'], allowLabelOverride: true },
      tenants: [
        { namespace: 'pol-a', spark: { properties: { 'spark.plugins': 'com.example.Plugin' } }, labels: { 'pod-security.kubernetes.io/warn': 'baseline' } },
      ],
    });
    const objects = parseManifest(synthNamespaces(resolvePlatform(spec, { baseDir: dir })).get('pol-a')!);
    expect((findObject(objects, 'Namespace', 'pol-a').metadata.labels as Record<string, string>)['pod-security.kubernetes.io/warn']).toBe('baseline');
    expect((findObject(objects, 'ConfigMap', 'pol-spark').data as Record<string, string>)['spark-defaults.conf']).toContain(
      '\nspark.plugins com.example.Plugin\n',
    );
  });

  test("GIVEN a tenant that sets only requests.memory WHEN synthesized THEN cpu and limits stay the platform's", () => {
    const spec = base({
      engine: { resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '8Gi' } } },
      tenants: [{ namespace: 'pol-a', engine: { resources: { requests: { memory: '6Gi' } } } }],
    });
    const deployment = findObject(
      parseManifest(synthNamespaces(resolvePlatform(spec, { baseDir: dir })).get('pol-a')!),
      'Deployment',
      'pol-engine',
    ) as unknown as { spec: { template: { spec: { containers: { resources: unknown }[] } } } };
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '1', memory: '6Gi' }, limits: { memory: '8Gi' } });
  });

  test("GIVEN sourceRoot naming a folder beside the spec WHEN a source is there THEN it loads, and the spec's folder alone would refuse it", () => {
    const file = { name: 'krb5.conf', source: '../shared/krb5.conf', mountPath: '/etc/pol', roles: ['engine' as const] };
    expect(resolvePlatform(base({ sourceRoot: '..', files: [file] }), { baseDir: path.join(dir, 'spec') }).files[0].content?.toString()).toBe(
      '[libdefaults]\n',
    );
    expect(() => resolvePlatform(base({ files: [file] }), { baseDir: path.join(dir, 'spec') })).toThrow(SpecError);
  });
});
