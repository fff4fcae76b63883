import * as path from 'path';
import { Testing } from 'cdk8s';
import { loadPlatformFile, Platform, resolvePlatform, SparkProperties, SparkPropertiesProps } from '../../src';

/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'example');
const example = loadPlatformFile(path.join(EXAMPLE, 'platform.yaml'));
/** The example delivering with pod templates, for an image without the feature steps' jar. */
const templates: Platform = { ...example, spec: { ...example.spec, delivery: 'podTemplates' } };

function propertiesOf(platform: Platform, tenant: string, deployMode: SparkPropertiesProps['deployMode']): SparkProperties {
  const chart = Testing.chart();
  return new SparkProperties(chart, 'Props', {
    platform,
    tenant: platform.spec.tenants.find(t => t.namespace === tenant)!,
    deployMode,
    templateDir: '/templates',
  });
}

describe('SparkProperties', () => {
  test("cluster mode (the proxy's spark-submit) with pod templates: master, namespace, image, accounts, both templates, no wait, role marker", () => {
    // WHEN team-a's properties are built for spark-submit
    const props = propertiesOf(templates, 'team-a', 'cluster').properties;
    // THEN the keys the package owns carry the tenant's values
    expect(props).toMatchObject({
      'spark.master': 'k8s://https://kubernetes.default.svc:443',
      'spark.submit.deployMode': 'cluster',
      'spark.kubernetes.namespace': 'team-a',
      'spark.kubernetes.container.image': 'registry.example.com/my-project:1.0.0',
      'spark.kubernetes.authenticate.driver.serviceAccountName': 'my-project-engine',
      'spark.kubernetes.authenticate.executor.serviceAccountName': 'my-project-executor',
      'spark.kubernetes.driver.podTemplateFile': '/templates/driver-template.yaml',
      'spark.kubernetes.executor.podTemplateFile': '/templates/executor-template.yaml',
      'spark.kubernetes.driver.podTemplateContainerName': 'spark-kubernetes-driver',
      'spark.kubernetes.executor.podTemplateContainerName': 'spark-kubernetes-executor',
      'spark.kubernetes.submission.waitAppCompletion': 'false',
      'spark.executorEnv.MY_PROJECT_EXECUTOR': 'true',
      'spark.executor.instances': '2',
    });
    // AND client-mode keys are absent: Spark creates the driver pod and its service itself
    expect(props['spark.driver.host']).toBeUndefined();
    expect(props['spark.driver.bindAddress']).toBeUndefined();
  });

  test('with pod templates, no feature step is named unless the spec names one', () => {
    // GIVEN the example, which names no feature steps, delivering with pod templates
    // WHEN either file is built
    for (const mode of ['cluster', 'client'] as const) {
      const props = propertiesOf(templates, 'team-a', mode).properties;
      // THEN neither featureSteps property is written (Spark would load the classes and fail)
      expect(props['spark.kubernetes.driver.pod.featureSteps']).toBeUndefined();
      expect(props['spark.kubernetes.executor.pod.featureSteps']).toBeUndefined();
    }
  });

  describe('delivery: featureSteps (the default)', () => {
    const steps = example;

    test("the proxy's launch runs spark-tenancy's steps with both fragments and no template; with objects, the namespace step first", () => {
      // WHEN team-a's (env) and team-c's (objects) launch properties are built
      const env = propertiesOf(steps, 'team-a', 'cluster').properties;
      const objects = propertiesOf(steps, 'team-c', 'cluster').properties;
      // THEN the driver runs EngineSetup (and, where pods read the files ConfigMap, EngineNamespaceFeature before it), executors ExecutorSetup
      expect(env['spark.kubernetes.driver.pod.featureSteps']).toBe('dev.sparktenancy.steps.EngineSetup');
      expect(objects['spark.kubernetes.driver.pod.featureSteps']).toBe('dev.sparktenancy.steps.EngineNamespaceFeature,dev.sparktenancy.steps.EngineSetup');
      expect(env['spark.kubernetes.executor.pod.featureSteps']).toBe('dev.sparktenancy.steps.ExecutorSetup');
      // AND the steps' fragments are there, of their roles
      expect(JSON.parse(env['spark.tenancy.engine.fragment']).role).toBe('engine');
      expect(JSON.parse(env['spark.tenancy.executor.fragment']).role).toBe('executor');
      // AND the namespace step is told the files ConfigMap and its content hash (env tenants have none to check)
      expect(objects['spark.tenancy.namespace.configMaps']).toMatch(/^my-project-files=[0-9a-f]{64}$/);
      expect(env['spark.tenancy.namespace.configMaps']).toBeUndefined();
      // AND no pod template is named
      for (const props of [env, objects]) expect(Object.keys(props).filter(k => k.includes('podTemplate'))).toEqual([]);
    });

    test("the engine's own properties name the executor step and its fragment, and the spec's steps run after ours", () => {
      // GIVEN a platform step for executors
      const own: Platform = { ...steps, spec: { ...steps.spec, spark: { ...steps.spec.spark, featureSteps: { executor: ['com.example.Extra'] } } } };
      // WHEN team-a's engine properties are built
      const props = propertiesOf(own, 'team-a', 'client').properties;
      // THEN ExecutorSetup comes first, the spec's step after it; the engine fragment (the proxy's) is not there
      expect(props['spark.kubernetes.executor.pod.featureSteps']).toBe('dev.sparktenancy.steps.ExecutorSetup,com.example.Extra');
      expect(props['spark.tenancy.executor.fragment']).toBeDefined();
      expect(props['spark.tenancy.engine.fragment']).toBeUndefined();
      expect(props['spark.kubernetes.driver.pod.featureSteps']).toBeUndefined();
    });
  });

  test("client mode (the tenant's engine): executors connect back through the headless Service; the driver binds to every address", () => {
    const props = propertiesOf(example, 'team-b', 'client').properties;
    expect(props).toMatchObject({
      'spark.master': 'k8s://https://kubernetes.default.svc:443',
      'spark.submit.deployMode': 'client',
      'spark.driver.host': 'my-project-engine-driver.team-b.svc',
      'spark.driver.bindAddress': '0.0.0.0',
      'spark.driver.port': '7078',
      'spark.blockManager.port': '7079',
    });
    expect(propertiesOf(templates, 'team-b', 'client').properties['spark.kubernetes.executor.podTemplateFile']).toBe('/templates/executor-template.yaml');
    expect(props['spark.kubernetes.driver.podTemplateFile']).toBeUndefined();
    expect(props['spark.kubernetes.submission.waitAppCompletion']).toBeUndefined();
  });

  test('the driver is sized from engine.resources in both modes: heap + overhead = the memory limit', () => {
    // GIVEN team-b's engine (requests cpu 2, memory 4Gi; limit memory 8Gi) and team-a's (the platform's: cpu 1, limit 4Gi)
    for (const mode of ['cluster', 'client'] as const) {
      // WHEN the properties are built
      const teamB = propertiesOf(example, 'team-b', mode).properties;
      const teamA = propertiesOf(example, 'team-a', mode).properties;
      // THEN 8192 MiB = 7373m heap + 819m overhead (10%), cores from the request
      expect(teamB).toMatchObject({
        'spark.driver.memory': '7373m',
        'spark.driver.memoryOverhead': '819m',
        'spark.driver.cores': '2',
        'spark.kubernetes.driver.request.cores': '2',
      });
      expect(teamA).toMatchObject({ 'spark.driver.memory': '3687m', 'spark.driver.memoryOverhead': '409m', 'spark.driver.cores': '1' });
      // AND no cpu limit in the spec means none for the driver
      expect(teamB['spark.kubernetes.driver.limit.cores']).toBeUndefined();
    }
  });

  test("driver sizing: Spark's 384 MiB minimum overhead, fractional cpu rounded up for cores, the cpu limit passed on", () => {
    // GIVEN a tenant engine with 500m cpu (limit 1500m) and 2Gi memory, and a platform without resources (the defaults)
    const platform = resolvePlatform(
      {
        ...example.spec,
        engine: undefined,
        tenants: [
          { namespace: 'small', engine: { resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '1500m', memory: '2Gi' } } } },
          { namespace: 'plain' },
        ],
      },
      { baseDir: EXAMPLE },
    );
    // WHEN the cluster-mode properties are built
    const small = propertiesOf(platform, 'small', 'cluster').properties;
    const plain = propertiesOf(platform, 'plain', 'cluster').properties;
    // THEN 2048 MiB = 1664m + 384m; cores 1 with the request and the limit as given
    expect(small).toMatchObject({
      'spark.driver.memory': '1664m',
      'spark.driver.memoryOverhead': '384m',
      'spark.driver.cores': '1',
      'spark.kubernetes.driver.request.cores': '500m',
      'spark.kubernetes.driver.limit.cores': '1500m',
    });
    // AND the package's default resources (500m, limit 2Gi) size the driver the same way
    expect(plain).toMatchObject({ 'spark.driver.memory': '1664m', 'spark.driver.memoryOverhead': '384m', 'spark.kubernetes.driver.request.cores': '500m' });
  });

  test('a plain spark.kerberos.keytab path (no kerberos section) becomes local:// in cluster mode only', () => {
    // GIVEN a spec that sets the keytab through spark.properties, as before the kerberos section
    const platform = resolvePlatform(
      {
        ...example.spec,
        kerberos: undefined,
        spark: { properties: { 'spark.kerberos.principal': 'p@EXAMPLE.COM', 'spark.kerberos.keytab': '/my_project/resources/kerberos/app.keytab' } },
      },
      { baseDir: EXAMPLE },
    );
    // WHEN both files are built
    // THEN the proxy's spark-submit does not upload it as a Secret; the engine's SparkSubmit logs in from the path
    expect(propertiesOf(platform, 'team-a', 'cluster').properties['spark.kerberos.keytab']).toBe('local:///my_project/resources/kerberos/app.keytab');
    expect(propertiesOf(platform, 'team-a', 'client').properties['spark.kerberos.keytab']).toBe('/my_project/resources/kerberos/app.keytab');
    // AND without a section the package adds no Kerberos settings of its own
    expect(propertiesOf(platform, 'team-a', 'client').properties['spark.hadoop.hadoop.security.authentication']).toBeUndefined();
  });

  test("tenant properties win over the platform's, and the output is sorted", () => {
    const props = propertiesOf(example, 'team-b', 'cluster');
    expect(props.properties['spark.executor.instances']).toBe('8');
    const keys = Object.keys(props.properties);
    expect(keys).toEqual([...keys].sort());
    expect(props.toSparkDefaults()).toContain('\nspark.executor.instances 8\n');
  });

  test('an owned key is replaced only with override: true', () => {
    const spec = (override: boolean) => ({
      ...example.spec,
      spark: { properties: { 'spark.kubernetes.container.image': 'other.example.com/img:2' }, override },
    });
    // GIVEN no override THEN loading the spec refuses it, naming the key
    expect(() => resolvePlatform(spec(false), { baseDir: EXAMPLE })).toThrow(/spark\.properties\["spark\.kubernetes\.container\.image"\]/);
    // GIVEN override: true THEN the user's value wins
    const platform = resolvePlatform(spec(true), { baseDir: EXAMPLE });
    expect(propertiesOf(platform, 'team-a', 'cluster').properties['spark.kubernetes.container.image']).toBe('other.example.com/img:2');
  });

  test("tenant feature steps (with tenantPolicy.allowFeatureSteps) replace the platform's; an empty list drops the property", () => {
    const platform = resolvePlatform(
      {
        ...templates.spec,
        tenantPolicy: { allowFeatureSteps: true },
        tenants: [{ namespace: 'custom', spark: { featureSteps: { driver: ['com.example.CustomStep'], executor: [] } } }],
      },
      { baseDir: EXAMPLE },
    );
    const props = propertiesOf(platform, 'custom', 'cluster').properties;
    expect(props['spark.kubernetes.driver.pod.featureSteps']).toBe('com.example.CustomStep');
    expect(props['spark.kubernetes.executor.pod.featureSteps']).toBeUndefined();
  });

  test('built directly with a bad key, the construct throws naming it', () => {
    const platform = { ...example, spec: { ...example.spec, spark: { properties: { 'spark.kubernetes.namespace': 'x' } } } };
    expect(() => propertiesOf(platform, 'team-a', 'cluster')).toThrow(/SparkProperties for team-a: spark\.kubernetes\.namespace: /);
  });
});
