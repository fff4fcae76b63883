import { Engine, EngineSparkFile } from '../../src/constructs/engine';
import { only, smallPlatform, synthInChart } from './fixture';

const SPARK_FILES: EngineSparkFile[] = [
  { key: 'engine-spark-defaults.conf', dir: '/opt/spark-tenancy/conf', text: 'spark.master k8s://x\n' },
  { key: 'executor-template.yaml', dir: '/opt/spark-tenancy/pod-templates', text: 'kind: Pod\n' },
];

/** The objects of one Engine for the small platform's tenant `alpha` (its spec entry changed by `tenant`). */
function engineObjects(sparkFiles = SPARK_FILES, tenant: Record<string, unknown> = {}) {
  const platform = smallPlatform({ tenants: [{ namespace: 'alpha', ...tenant }] });
  let engine: Engine | undefined;
  const objects = synthInChart(chart => {
    engine = new Engine(chart, 'Engine', { platform, tenant: platform.spec.tenants[0], sparkFiles });
  });
  return { engine: engine!, objects, deployment: only(objects, 'Deployment', 'small-engine') };
}

describe('Engine', () => {
  test('one Deployment recreated rather than rolled, so two drivers never answer behind the headless Service', () => {
    // GIVEN the small platform's tenant WHEN its engine is built
    const { deployment, objects } = engineObjects();
    // THEN it is a single Deployment, a headless Service and a Service, all in the tenant namespace
    expect(objects.map(o => `${o.kind}/${o.metadata.name}@${o.metadata.namespace}`)).toEqual([
      'Deployment/small-engine@alpha',
      'Service/small-engine-driver@alpha',
      'Service/small-engine@alpha',
    ]);
    // AND the old pod goes before the new one starts
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'small', 'app.kubernetes.io/component': 'engine' });
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
  });

  test('the engine container runs the engine role, reads SPARK_CONF_DIR and knows its own pod name', () => {
    // GIVEN the small platform WHEN the engine is built
    const container = engineObjects().deployment.spec.template.spec.containers.find((c: { name: string }) => c.name === 'engine');
    // THEN the image runs in engine role with the env the bootstrap reads
    expect(container.args).toEqual(['engine']);
    expect(container.image).toBe('registry.example.com/small:1.0.0');
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'SPARK_CONF_DIR', value: '/opt/spark-tenancy/conf' },
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ]),
    );
    expect(container.ports.map((p: { name: string; containerPort: number }) => `${p.name}:${p.containerPort}`)).toEqual([
      'http:8011',
      'spark-ui:4040',
      'driver:7078',
      'block-manager:7079',
    ]);
  });

  test('each generated Spark file is mounted read-only from the Spark ConfigMap into its own folder', () => {
    // GIVEN two Spark files in two folders WHEN the engine is built
    const pod = engineObjects().deployment.spec.template.spec;
    const engine = pod.containers.find((c: { name: string }) => c.name === 'engine');
    // THEN each is a volume of the one key, from the namespace's Spark ConfigMap
    expect(pod.volumes.filter((v: { name: string }) => v.name.startsWith('spark-files-'))).toEqual([
      {
        name: 'spark-files-0',
        configMap: { name: 'small-spark', items: [{ key: 'engine-spark-defaults.conf', path: 'engine-spark-defaults.conf' }], defaultMode: 0o444 },
      },
      {
        name: 'spark-files-1',
        configMap: { name: 'small-spark', items: [{ key: 'executor-template.yaml', path: 'executor-template.yaml' }], defaultMode: 0o444 },
      },
    ]);
    // AND mounted where the engine looks for it
    expect(engine.volumeMounts).toEqual(
      expect.arrayContaining([
        { name: 'spark-files-0', mountPath: '/opt/spark-tenancy/conf', readOnly: true },
        { name: 'spark-files-1', mountPath: '/opt/spark-tenancy/pod-templates', readOnly: true },
      ]),
    );
  });

  test("the pod's checksum annotation follows the Spark files, so a changed property restarts the engine", () => {
    // GIVEN the same engine twice, then with a changed spark-defaults.conf
    const first = engineObjects();
    const again = engineObjects();
    const changed = engineObjects([{ ...SPARK_FILES[0], text: 'spark.master k8s://y\n' }, SPARK_FILES[1]]);
    // THEN the annotation is the checksum, stable for the same input and different for the changed one
    expect(first.deployment.spec.template.metadata.annotations['checksum/config']).toBe(first.engine.checksum);
    expect(again.engine.checksum).toBe(first.engine.checksum);
    expect(changed.engine.checksum).not.toBe(first.engine.checksum);
  });

  test('executors reach the driver through a headless Service that publishes the pod before it is ready', () => {
    // GIVEN the small platform WHEN the engine is built
    const { objects } = engineObjects();
    const driver = only(objects, 'Service', 'small-engine-driver');
    const service = only(objects, 'Service', 'small-engine');
    // THEN the driver Service is headless, publishes not-ready pods, and has the driver and block manager ports
    expect(driver.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(driver.spec.ports).toEqual([
      { name: 'driver', port: 7078, targetPort: 'driver' },
      { name: 'block-manager', port: 7079, targetPort: 'block-manager' },
    ]);
    // AND the other Service has the application port and the Spark UI
    expect(service.spec.ports.map((p: { name: string }) => p.name)).toEqual(['http', 'spark-ui']);
    expect(service.spec.clusterIP).toBeUndefined();
  });

  test("a tenant's engine settings override the platform's", () => {
    // GIVEN a tenant with two replicas and its own resources WHEN its engine is built
    const engine = { replicas: 2, resources: { requests: { cpu: '3', memory: '6Gi' }, limits: { memory: '6Gi' } } };
    const { deployment } = engineObjects(SPARK_FILES, { engine });
    // THEN the Deployment has them
    expect(deployment.spec.replicas).toBe(2);
    const container = deployment.spec.template.spec.containers.find((c: { name: string }) => c.name === 'engine');
    expect(container.resources).toEqual({ requests: { cpu: '3', memory: '6Gi' }, limits: { memory: '6Gi' } });
  });
});
