import { createHash } from 'crypto';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { buildRolePod } from '../pod/role-pod';
import { probe, resourceRequirements } from '../pod/workload';
import { kerberosJavaOpts } from '../spark/kerberos';
import { DEFAULTS, Platform, platformDelivery, PORTS, tenantEngine, tenantTransport } from '../platform-spec/platform';
import { engineCarriedFiles } from '../spark/launch-fragments';
import { TenantSpec } from '../platform-spec/types';

/** Where the engine finds its generated spark-defaults.conf (SPARK_CONF_DIR). */
export const ENGINE_CONF_DIR = '/opt/spark-tenancy/conf';
/**
 * Where the engine finds the executor pod template: not in SPARK_CONF_DIR, whose files Spark copies
 * into every application's executor ConfigMap, and not /opt/spark/pod-template, which Spark mounts.
 */
export const ENGINE_POD_TEMPLATE_DIR = '/opt/spark-tenancy/pod-templates';

/** A generated file the engine reads, mounted straight from the namespace's Spark ConfigMap. */
export interface EngineSparkFile {
  /** Its key in the Spark ConfigMap, and its file name. */
  readonly key: string;
  /** The folder it appears in. */
  readonly dir: string;
  readonly text: string;
}

export interface EngineProps {
  /** The loaded platform: image, files, security settings and engine defaults. */
  readonly platform: Platform;
  /** The tenant whose engine this is; its `engine` settings override the platform's. */
  readonly tenant: TenantSpec;
  /** Generated files the engine reads (its spark-defaults.conf, the executor pod template), each in its own folder. */
  readonly sparkFiles: readonly EngineSparkFile[];
}

/**
 * The tenant's long-running engine: a client-mode Spark driver running the unified image in engine
 * role, a headless Service executors connect back to (driver and block manager ports) and a Service
 * for the application and the Spark UI.
 */
export class Engine extends Construct {
  /** Changes whenever any file, property or template the engine receives changes. */
  public readonly checksum: string;
  /** The engine's Deployment (one Spark driver in client mode, recreated rather than rolled). */
  public readonly deployment: k8s.KubeDeployment;
  /** The headless Service executors connect back to (driver and block manager ports). */
  public readonly driverService: k8s.KubeService;
  /** The Service for the engine's application port and the Spark UI. */
  public readonly service: k8s.KubeService;

  constructor(scope: Construct, id: string, props: EngineProps) {
    super(scope, id);
    const { platform, tenant } = props;
    const { spec } = platform;
    const names = objectNames(spec);
    const namespace = tenant.namespace;
    const labels = commonLabels(spec, 'engine');
    const selector = { 'app.kubernetes.io/name': spec.name, 'app.kubernetes.io/component': 'engine' };
    const engineSpec = tenantEngine(spec, tenant);
    const javaOpts = kerberosJavaOpts(platform, 'engine');

    const pod = buildRolePod({
      platform,
      tenant,
      role: 'engine',
      transport: tenantTransport(platform, tenant),
      podDescription: `engine Deployment in ${namespace}`,
      serviceAccountName: names.engineServiceAccount,
      // The executors' files the engine does not hold itself, which ExecutorSetup reads at each launch.
      carriedFiles: platformDelivery(platform) === 'featureSteps' ? engineCarriedFiles(platform, tenant) : undefined,
      // Straight from the ConfigMap, not through config-sync: stored once in the namespace, never copied
      // into the pod spec (the executor template would otherwise ride base64 inside the engine's env).
      extraVolumes: props.sparkFiles.map((f, i) => ({
        name: `spark-files-${i}`,
        configMap: { name: names.sparkConfigMap, items: [{ key: f.key, path: f.key }], defaultMode: 0o444 },
      })),
      extraVolumeMounts: props.sparkFiles.map((f, i) => ({ name: `spark-files-${i}`, mountPath: f.dir, readOnly: true })),
      container: {
        name: 'engine',
        args: ['engine'],
        env: [
          { name: 'SPARK_CONF_DIR', value: ENGINE_CONF_DIR },
          // bootstrap.sh passes it as spark.kubernetes.driver.pod.name: executors and their
          // ConfigMaps then carry owner references to this pod and go when it goes.
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          ...(javaOpts !== undefined ? [{ name: 'JAVA_OPTS', value: javaOpts }] : []),
        ],
        ports: [
          { name: 'http', containerPort: PORTS.app },
          { name: 'spark-ui', containerPort: PORTS.sparkUi },
          { name: 'driver', containerPort: PORTS.driver },
          { name: 'block-manager', containerPort: PORTS.blockManager },
        ],
        resources: resourceRequirements(engineSpec.resources),
        readinessProbe: probe(engineSpec.readinessProbe, { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3 }),
        livenessProbe: probe(engineSpec.livenessProbe, { initialDelaySeconds: 60, periodSeconds: 20, failureThreshold: 3 }),
      },
    });
    this.checksum = createHash('sha256')
      .update([pod.checksum, ...props.sparkFiles.map(f => `${f.dir}/${f.key} ${createHash('sha256').update(f.text).digest('hex')}`)].join('\n'))
      .digest('hex');

    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: names.engineDeployment, namespace, labels },
      spec: {
        replicas: engineSpec.replicas ?? DEFAULTS.replicas,
        // The headless Service publishes not-ready pods: a rolling update would put two drivers
        // behind spark.driver.host. The old engine goes before the new one starts.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: selector },
        template: {
          metadata: { labels, annotations: { 'checksum/config': this.checksum } },
          spec: pod.spec,
        },
      },
    });
    const port = (name: string, number: number) => ({ name, port: number, targetPort: k8s.IntOrString.fromString(name) });
    this.driverService = new k8s.KubeService(this, 'DriverService', {
      metadata: { name: names.engineHeadlessService, namespace, labels },
      spec: {
        clusterIp: 'None',
        selector,
        publishNotReadyAddresses: true,
        ports: [port('driver', PORTS.driver), port('block-manager', PORTS.blockManager)],
      },
    });
    this.service = new k8s.KubeService(this, 'Service', {
      metadata: { name: names.engineService, namespace, labels },
      spec: { selector, ports: [port('http', PORTS.app), port('spark-ui', PORTS.sparkUi)] },
    });
  }
}
