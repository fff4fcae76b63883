import * as fs from 'fs';
import * as path from 'path';
import { loadPlatformFile } from '../../src';
import { deliveredFiles } from '../../src/plan/pod-files';
import { loadPlatformText } from '../../src/platform-spec/loader';
import { findObject, ManifestObject, parseManifest, synthNamespaces } from '../../src/testing';

/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'example');
const platform = loadPlatformFile(path.join(EXAMPLE, 'platform.yaml'));
const manifests = synthNamespaces(platform);
const objectsOf = (ns: string): ManifestObject[] => parseManifest(manifests.get(ns)!);
/** The example with `delivery: podTemplates`, for an image without the feature steps' jar. */
const templates = synthNamespaces({ ...platform, spec: { ...platform.spec, delivery: 'podTemplates' } });
const templateObjectsOf = (ns: string): ManifestObject[] => parseManifest(templates.get(ns)!);
type Json = Record<string, any>;

describe('TenantNamespace', () => {
  const objects = objectsOf('team-a');

  describe('delivery: featureSteps (the default)', () => {
    const stepObjects = objectsOf;

    test('the Spark ConfigMap holds the two spark-defaults.conf files and no pod template; the engine mounts only its own', () => {
      const sparkConfig = findObject(stepObjects('team-a'), 'ConfigMap', 'my-project-spark') as Json;
      expect(Object.keys(sparkConfig.data).sort()).toEqual(['cluster-spark-defaults.conf', 'spark-defaults.conf']);
      const engine = findObject(stepObjects('team-a'), 'Deployment', 'my-project-engine') as Json;
      const fromSparkConfig = engine.spec.template.spec.volumes.filter((v: Json) => v.configMap?.name === 'my-project-spark');
      expect(fromSparkConfig.map((v: Json) => v.configMap.items[0].key)).toEqual(['spark-defaults.conf']);
    });

    test("the files ConfigMap's content-hash annotation is the hash the launch tells the namespace step", () => {
      const objectsC = stepObjects('team-c');
      const files = findObject(objectsC, 'ConfigMap', 'my-project-files') as Json;
      const launch = String((findObject(objectsC, 'ConfigMap', 'my-project-spark') as Json).data['cluster-spark-defaults.conf']);
      expect(launch).toContain(`spark.tenancy.namespace.configMaps my-project-files=${files.metadata.annotations['spark-tenancy.dev/content-hash']}\n`);
    });
  });

  test('every object of the file lives in the tenant namespace, except the cluster-scoped Namespace', () => {
    // THEN the Namespace has no namespace of its own (the cdk8s chart namespace would stamp one on it)
    expect(objects[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(objects[0].metadata.namespace).toBeUndefined();
    // AND everything else is namespaced to team-a
    for (const o of objects.slice(1)) expect(`${o.kind}/${o.metadata.name}: ${o.metadata.namespace}`).toBe(`${o.kind}/${o.metadata.name}: team-a`);
  });

  test('the Namespace is labelled as a tenant and for Pod Security admission', () => {
    expect(findObject(objects, 'Namespace', 'team-a').metadata.labels).toMatchObject({
      'spark-tenancy.dev/tenant': 'true',
      'spark-tenancy.dev/platform': 'my-project',
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
  });

  test('with the objects transport, the files ConfigMap holds the non-secret engine and executor files, and never the keytab', () => {
    // GIVEN team-c, whose pods read their files from the namespace's objects
    const configMap = findObject(objectsOf('team-c'), 'ConfigMap', 'my-project-files') as Json;
    expect(Object.keys(configMap.data).sort()).toEqual(['application.properties', 'fair-scheduler.xml', 'krb5.conf', 'ranger-spark-security.xml']);
    expect(configMap.data['krb5.conf']).toBe(platform.files.find(f => f.name === 'krb5.conf')!.content!.toString());
    expect(configMap.binaryData).toBeUndefined();
    expect(findObject.bind(null, objectsOf('team-c'), 'Secret', 'my-project-secrets')).toThrow(/no Secret\/my-project-secrets/);
  });

  test('with the env transport, no files ConfigMap is written: no pod reads one', () => {
    // GIVEN team-a (env transport): its pods carry the non-secret files inline
    expect(findObject.bind(null, objects, 'ConfigMap', 'my-project-files')).toThrow(/no ConfigMap\/my-project-files/);
    // THEN nothing in the namespace (pod specs, templates in the Spark ConfigMap) names it
    expect(manifests.get('team-a')!).not.toContain('my-project-files');
    // AND the secret file still comes from the namespace's Secret
    expect(manifests.get('team-a')!).toContain('name: my-project-secrets');
  });

  test('the secret file is referenced through an ExternalSecret of the named store', () => {
    const externalSecret = findObject(objects, 'ExternalSecret', 'my-project-secrets') as Json;
    expect(externalSecret.apiVersion).toBe('external-secrets.io/v1');
    expect(externalSecret.spec).toEqual({
      refreshInterval: '1h',
      secretStoreRef: { name: 'vault-backend', kind: 'ClusterSecretStore' },
      target: { name: 'my-project-secrets', creationPolicy: 'Owner' },
      data: [{ secretKey: 'app.keytab', remoteRef: { key: 'my-project/kerberos', property: 'app.keytab' } }],
    });
  });

  test('a remoteRef version and decodingStrategy reach the ExternalSecret', () => {
    // GIVEN the example with the keytab kept as base64 text at version 7 of the store's value
    const text = fs
      .readFileSync(path.join(EXAMPLE, 'platform.yaml'), 'utf8')
      .replace(
        'remoteRef: { key: my-project/kerberos, property: app.keytab }',
        'remoteRef: { decodingStrategy: Base64, version: "7", key: my-project/kerberos, property: app.keytab }',
      );
    const decoded = loadPlatformText(text, { file: 'platform.yaml', baseDir: EXAMPLE });
    // WHEN synthesized
    const externalSecret = findObject(parseManifest(synthNamespaces(decoded).get('team-a')!), 'ExternalSecret', 'my-project-secrets') as Json;
    // THEN the ExternalSecret asks ESO for that version and to decode it
    expect(externalSecret.spec.data).toEqual([
      { secretKey: 'app.keytab', remoteRef: { key: 'my-project/kerberos', property: 'app.keytab', version: '7', decodingStrategy: 'Base64' } },
    ]);
  });

  test('the engine runs the unified image with the config-sync init container from the same image', () => {
    const deployment = findObject(objects, 'Deployment', 'my-project-engine') as Json;
    const pod = deployment.spec.template.spec;
    expect(pod.containers.map((c: Json) => [c.name, c.image, c.args])).toEqual([['engine', 'registry.example.com/my-project:1.0.0', ['engine']]]);
    expect(pod.initContainers.map((c: Json) => [c.name, c.image])).toEqual([['config-sync', 'registry.example.com/my-project:1.0.0']]);
    expect(pod.serviceAccountName).toBe('my-project-engine');
    expect(pod.hostAliases).toEqual([
      { ip: '10.0.0.10', hostnames: ['kdc.example.com'] },
      { ip: '10.0.0.20', hostnames: ['namenode.example.com', 'metastore.example.com'] },
    ]);
    expect(deployment.spec.template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    // AND the role marker is absent: no env var named roleEnv means engine
    expect(JSON.stringify(pod.containers[0].env ?? [])).not.toContain('MY_PROJECT_EXECUTOR');
  });

  test('the engine gets its pod name from the downward API and the krb5.conf option in JAVA_OPTS', () => {
    // GIVEN the example (kerberos.krb5Conf names krb5.conf in /tmp/krb5_conf)
    const pod = (findObject(objects, 'Deployment', 'my-project-engine') as Json).spec.template.spec;
    // THEN bootstrap.sh finds POD_NAME (for spark.kubernetes.driver.pod.name), SPARK_CONF_DIR and JAVA_OPTS
    expect(pod.containers[0].env).toEqual([
      { name: 'SPARK_CONF_DIR', value: '/opt/spark-tenancy/conf' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'JAVA_OPTS', value: '-Djava.security.krb5.conf=/tmp/krb5_conf/krb5.conf' },
    ]);
  });

  test('the engine is replaced with Recreate: never two drivers behind the headless Service', () => {
    // GIVEN the headless Service publishes not-ready addresses
    const headless = findObject(objects, 'Service', 'my-project-engine-driver') as Json;
    expect(headless.spec.publishNotReadyAddresses).toBe(true);
    // THEN the Deployment stops the old engine before it starts the new one
    expect((findObject(objects, 'Deployment', 'my-project-engine') as Json).spec.strategy).toEqual({ type: 'Recreate' });
  });

  test('with pod templates, the engine mounts spark-defaults.conf and the executor template from the Spark ConfigMap, in separate folders', () => {
    // GIVEN the engine's pod, delivering with pod templates
    const withTemplates = templateObjectsOf('team-a');
    const pod = (findObject(withTemplates, 'Deployment', 'my-project-engine') as Json).spec.template.spec;
    const conf = (findObject(withTemplates, 'ConfigMap', 'my-project-spark') as Json).data['spark-defaults.conf'] as string;
    const mounted = (dir: string) => {
      const mount = pod.containers[0].volumeMounts.find((m: Json) => m.mountPath === dir);
      return pod.volumes.find((v: Json) => v.name === mount.name).configMap;
    };
    // THEN SPARK_CONF_DIR holds only spark-defaults.conf (Spark copies that folder into executors' ConfigMaps), the template sits beside it
    expect(mounted('/opt/spark-tenancy/conf')).toEqual({
      name: 'my-project-spark',
      items: [{ key: 'spark-defaults.conf', path: 'spark-defaults.conf' }],
      defaultMode: 0o444,
    });
    expect(mounted('/opt/spark-tenancy/pod-templates')).toEqual({
      name: 'my-project-spark',
      items: [{ key: 'executor-template.yaml', path: 'executor-template.yaml' }],
      defaultMode: 0o444,
    });
    // AND neither rides in the init container (no copy in the pod spec), and the properties name the template where it is
    expect(JSON.stringify(pod.initContainers)).not.toContain('executor-template');
    expect(conf).toContain('\nspark.kubernetes.executor.podTemplateFile /opt/spark-tenancy/pod-templates/executor-template.yaml\n');
  });

  test("a writable file's directory is mounted read-write, every other one read-only", () => {
    // GIVEN the example's Ranger file (writable: true; Ranger keeps its policy cache in /tmp/ranger/policycache)
    const pod = (findObject(objects, 'Deployment', 'my-project-engine') as Json).spec.template.spec;
    const mounts = pod.containers[0].volumeMounts as Json[];
    // THEN /tmp/ranger has no readOnly, and the others keep it
    expect(mounts.find(m => m.mountPath === '/tmp/ranger')).toEqual({ name: 'cfg-tmp-ranger', mountPath: '/tmp/ranger' });
    expect(mounts.filter(m => m.mountPath !== '/tmp/ranger').every(m => m.readOnly === true)).toBe(true);
    // AND the Ranger configuration's cache folder lies inside that mount
    const ranger = platform.files.find(f => f.name === 'ranger-spark-security.xml')!.content!.toString();
    expect(ranger).toMatch(/<name>ranger\.plugin\.spark\.policy\.cache\.dir<\/name>\s*<value>\/tmp\/ranger\/policycache<\/value>/);
  });

  test("a tenant adds its own host aliases after the proxy's", () => {
    const pod = (findObject(objectsOf('team-c'), 'Deployment', 'my-project-engine') as Json).spec.template.spec;
    expect(pod.hostAliases.map((a: Json) => a.ip)).toEqual(['10.0.0.10', '10.0.0.20', '10.0.3.5']);
  });

  test('every file volume is an emptyDir, in memory where it holds a secret', () => {
    const pod = (findObject(objects, 'Deployment', 'my-project-engine') as Json).spec.template.spec;
    const volumes = Object.fromEntries(pod.volumes.map((v: Json) => [v.name, v]));
    expect(volumes['cfg-my-project-resources-kerberos'].emptyDir).toEqual({ medium: 'Memory' });
    expect(volumes['cfg-tmp-krb5-conf'].emptyDir).toEqual({});
    expect(pod.containers[0].volumeMounts).toEqual(
      expect.arrayContaining([{ name: 'cfg-my-project-resources-kerberos', mountPath: '/my_project/resources/kerberos', readOnly: true }]),
    );
  });

  test('a headless Service for driver and block manager ports, and a Service for the app and the Spark UI', () => {
    const headless = findObject(objects, 'Service', 'my-project-engine-driver') as Json;
    expect(headless.spec.clusterIP).toBe('None');
    expect(headless.spec.ports.map((p: Json) => p.port)).toEqual([7078, 7079]);
    const service = findObject(objects, 'Service', 'my-project-engine') as Json;
    expect(service.spec.ports.map((p: Json) => p.port)).toEqual([8011, 4040]);
    const podLabels = (findObject(objects, 'Deployment', 'my-project-engine') as Json).spec.template.metadata.labels;
    for (const s of [headless, service]) expect(podLabels).toMatchObject(s.spec.selector);
  });

  test('replicas and resources: platform defaults, tenant overrides', () => {
    const resourcesOf = (ns: string) => (findObject(objectsOf(ns), 'Deployment', 'my-project-engine') as Json).spec.template.spec.containers[0].resources;
    expect(resourcesOf('team-a')).toEqual({ requests: { cpu: '1', memory: '2Gi' }, limits: { memory: '4Gi' } });
    expect(resourcesOf('team-b')).toEqual({ requests: { cpu: '2', memory: '4Gi' }, limits: { memory: '8Gi' } });
  });
});

describe('ProxyNamespace', () => {
  const objects = objectsOf('my-project');

  test('holds the proxy, its ServiceAccount and its files: nothing per tenant', () => {
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Namespace/my-project',
      'ExternalSecret/my-project-secrets',
      'ServiceAccount/my-project-proxy',
      'Deployment/my-project-proxy',
    ]);
  });

  test("each tenant's launch configuration is in its own namespace, where the launcher writes it in the proxy", () => {
    // GIVEN team-b's Spark ConfigMap and the proxy's pod
    const pod = (findObject(objects, 'Deployment', 'my-project-proxy') as Json).spec.template.spec;
    const data = (findObject(objectsOf('team-b'), 'ConfigMap', 'my-project-spark') as Json).data;
    // THEN it holds the cluster-mode defaults, naming the feature steps and their fragments
    expect(Object.keys(data).sort()).toEqual(['cluster-spark-defaults.conf', 'spark-defaults.conf']);
    const conf = data['cluster-spark-defaults.conf'] as string;
    expect(conf).toContain('spark.kubernetes.namespace team-b\n');
    expect(conf).toContain('spark.kubernetes.driver.pod.featureSteps dev.sparktenancy.steps.EngineSetup\n');
    expect(conf).toMatch(/\nspark\.tenancy\.engine\.fragment \{"role":"engine",/);
    // AND with pod templates it holds both, the defaults pointing where `bootstrap.sh launch` writes them
    const withTemplates = (findObject(templateObjectsOf('team-b'), 'ConfigMap', 'my-project-spark') as Json).data;
    expect(Object.keys(withTemplates).sort()).toEqual(['cluster-spark-defaults.conf', 'driver-template.yaml', 'executor-template.yaml', 'spark-defaults.conf']);
    const templateConf = withTemplates['cluster-spark-defaults.conf'] as string;
    expect(templateConf).toContain('spark.kubernetes.driver.podTemplateFile /opt/spark-tenancy/tenants/team-b/pod-templates/driver-template.yaml\n');
    expect(templateConf).toContain('spark.kubernetes.executor.podTemplateFile /opt/spark-tenancy/tenants/team-b/pod-templates/executor-template.yaml\n');
    // AND the proxy has a writable emptyDir there and the ConfigMap's name, and no tenant in its spec
    expect(pod.volumes).toContainEqual({ name: 'tenant-launch', emptyDir: {} });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'tenant-launch', mountPath: '/opt/spark-tenancy/tenants' });
    expect(pod.containers[0].env).toContainEqual({ name: 'SPARK_TENANCY_SPARK_CONFIGMAP', value: 'my-project-spark' });
    expect(JSON.stringify(pod)).not.toMatch(/team-[abc]/);
    // AND the proxy's own JVM reads the delivered krb5.conf
    expect(pod.containers[0].env).toContainEqual({ name: 'JAVA_OPTS', value: '-Djava.security.krb5.conf=/tmp/krb5_conf/krb5.conf' });
  });

  test('the proxy receives its own files, and carries the non-secret engine files it lacks for EngineSetup (none with pod templates)', () => {
    const delivered = (objects: ManifestObject[]) =>
      deliveredFiles((findObject(objects, 'Deployment', 'my-project-proxy') as Json).spec.template.spec, [])
        .map(f => f.path)
        .sort();
    expect(delivered(objects)).toEqual([
      '/my_project/resources/config/application.properties',
      '/my_project/resources/kerberos/app.keytab',
      '/opt/spark-tenancy/carry/fair-scheduler.xml',
      '/opt/spark-tenancy/carry/ranger-spark-security.xml',
      '/tmp/krb5_conf/krb5.conf',
    ]);
    expect(delivered(templateObjectsOf('my-project'))).toEqual([
      '/my_project/resources/config/application.properties',
      '/my_project/resources/kerberos/app.keytab',
      '/tmp/krb5_conf/krb5.conf',
    ]);
  });

  test('with the objects transport, the proxy namespace stores the proxy files in its files ConfigMap', () => {
    const text = fs.readFileSync(path.join(EXAMPLE, 'platform.yaml'), 'utf8').replace(/^transport: env$/m, 'transport: objects');
    const proxy = parseManifest(synthNamespaces(loadPlatformText(text, { file: 'platform.yaml', baseDir: EXAMPLE })).get('my-project')!);
    const configMap = findObject(proxy, 'ConfigMap', 'my-project-files') as Json;
    // The proxy's own files only: no tenant's pods receive files inline, so the proxy carries none for EngineSetup
    expect(Object.keys(configMap.data).sort()).toEqual(['application.properties', 'krb5.conf']);
  });
});
