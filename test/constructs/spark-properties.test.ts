import * as path from 'path';
import { Testing } from 'cdk8s';
import { loadPlatformFile, Platform, resolvePlatform, SparkProperties, SparkPropertiesProps } from '../../src';

const REPO = path.join(__dirname, '..', '..');
const example = loadPlatformFile(path.join(REPO, 'platform.yaml'));

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
  test('cluster mode (the proxy\'s spark-submit): namespace, image, accounts, both templates, feature steps, role marker', () => {
    // WHEN team-a's properties are built for spark-submit
    const props = propertiesOf(example, 'team-a', 'cluster').properties;
    // THEN the keys the package owns carry the tenant's values
    expect(props).toMatchObject({
      'spark.kubernetes.namespace': 'team-a',
      'spark.kubernetes.container.image': 'registry.example.com/my-project:1.0.0',
      'spark.kubernetes.authenticate.driver.serviceAccountName': 'my-project-engine',
      'spark.kubernetes.authenticate.executor.serviceAccountName': 'my-project-engine',
      'spark.kubernetes.driver.podTemplateFile': '/templates/driver-template.yaml',
      'spark.kubernetes.executor.podTemplateFile': '/templates/executor-template.yaml',
      'spark.kubernetes.driver.podTemplateContainerName': 'spark-kubernetes-driver',
      'spark.kubernetes.executor.podTemplateContainerName': 'spark-kubernetes-executor',
      'spark.kubernetes.driver.pod.featureSteps':
        'org.apache.spark.server.k8s.extension.EngineSetup,org.apache.spark.server.k8s.extension.EngineNamespaceFeature',
      'spark.kubernetes.executor.pod.featureSteps': 'org.apache.spark.server.k8s.extension.ExecutorSetup',
      'spark.executorEnv.MY_PROJECT_EXECUTOR': 'true',
      'spark.executor.instances': '2',
    });
    // AND client-mode keys are absent: Spark creates the driver pod and its service itself
    expect(props['spark.driver.host']).toBeUndefined();
  });

  test('client mode (the tenant\'s engine): executors connect back through the headless Service', () => {
    const props = propertiesOf(example, 'team-b', 'client').properties;
    expect(props).toMatchObject({
      'spark.driver.host': 'my-project-engine-driver.team-b.svc',
      'spark.driver.port': '7078',
      'spark.blockManager.port': '7079',
      'spark.kubernetes.executor.podTemplateFile': '/templates/executor-template.yaml',
    });
    expect(props['spark.kubernetes.driver.podTemplateFile']).toBeUndefined();
  });

  test('tenant properties win over the platform\'s, and the output is sorted', () => {
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
    expect(() => resolvePlatform(spec(false), { baseDir: REPO })).toThrow(/spark\.properties\["spark\.kubernetes\.container\.image"\]/);
    // GIVEN override: true THEN the user's value wins
    const platform = resolvePlatform(spec(true), { baseDir: REPO });
    expect(propertiesOf(platform, 'team-a', 'cluster').properties['spark.kubernetes.container.image']).toBe('other.example.com/img:2');
  });

  test('tenant feature steps (with tenantPolicy.allowFeatureSteps) replace the platform\'s; an empty list drops the property', () => {
    const platform = resolvePlatform({
      ...example.spec,
      tenantPolicy: { allowFeatureSteps: true },
      tenants: [{ namespace: 'custom', spark: { featureSteps: { driver: ['com.example.CustomStep'], executor: [] } } }],
    }, { baseDir: REPO });
    const props = propertiesOf(platform, 'custom', 'cluster').properties;
    expect(props['spark.kubernetes.driver.pod.featureSteps']).toBe('com.example.CustomStep');
    expect(props['spark.kubernetes.executor.pod.featureSteps']).toBeUndefined();
  });

  test('built directly with a bad key, the construct throws naming it', () => {
    const platform = { ...example, spec: { ...example.spec, spark: { properties: { 'spark.kubernetes.namespace': 'x' } } } };
    expect(() => propertiesOf(platform, 'team-a', 'cluster')).toThrow(/SparkProperties for team-a: spark\.kubernetes\.namespace: /);
  });
});
