import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { buildRolePod } from '../pod/role-pod';
import { probe, resourceRequirements } from '../pod/workload';
import { DEFAULTS, engineResources, Platform, PORTS, tenantTransport } from '../spec/platform';
import { TenantSpec } from '../spec/types';
import { SyncFile } from '../sync/config-sync';

/** Where the engine finds its generated Spark files (SPARK_CONF_DIR). */
export const ENGINE_CONF_DIR = '/opt/spark-tenancy/conf';

export interface EngineProps {
  readonly platform: Platform;
  readonly tenant: TenantSpec;
  /** Generated files the engine reads: its spark-defaults.conf and the executor pod template. */
  readonly sparkFiles: readonly SyncFile[];
}

/**
 * The tenant's long-running engine: a client-mode Spark driver running the unified image in engine
 * role, a headless Service executors connect back to (driver and block manager ports) and a Service
 * for the application and the Spark UI.
 */
export class Engine extends Construct {
  /** Changes whenever any file, property or template the engine receives changes. */
  public readonly checksum: string;

  constructor(scope: Construct, id: string, props: EngineProps) {
    super(scope, id);
    const { platform, tenant } = props;
    const { spec } = platform;
    const names = objectNames(spec);
    const namespace = tenant.namespace;
    const labels = commonLabels(spec, 'engine');
    const selector = { 'app.kubernetes.io/name': spec.name, 'app.kubernetes.io/component': 'engine' };
    const engineSpec = { ...spec.engine, ...tenant.engine };

    const pod = buildRolePod({
      platform,
      tenant,
      role: 'engine',
      transport: tenantTransport(platform, tenant),
      podDescription: `engine Deployment in ${namespace}`,
      serviceAccountName: names.engineServiceAccount,
      generatedFiles: props.sparkFiles,
      container: {
        name: 'engine',
        args: ['engine'],
        env: [{ name: 'SPARK_CONF_DIR', value: ENGINE_CONF_DIR }],
        ports: [
          { name: 'http', containerPort: PORTS.app },
          { name: 'spark-ui', containerPort: PORTS.sparkUi },
          { name: 'driver', containerPort: PORTS.driver },
          { name: 'block-manager', containerPort: PORTS.blockManager },
        ],
        resources: resourceRequirements(engineResources(spec, tenant)),
        readinessProbe: probe(engineSpec.readinessProbe, { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 3 }),
        livenessProbe: probe(engineSpec.livenessProbe, { initialDelaySeconds: 60, periodSeconds: 20, failureThreshold: 3 }),
      },
    });
    this.checksum = pod.checksum;

    new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: names.engineDeployment, namespace, labels },
      spec: {
        replicas: engineSpec.replicas ?? DEFAULTS.replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels, annotations: { 'checksum/config': pod.checksum } },
          spec: pod.spec,
        },
      },
    });
    const port = (name: string, number: number) => ({ name, port: number, targetPort: k8s.IntOrString.fromString(name) });
    new k8s.KubeService(this, 'DriverService', {
      metadata: { name: names.engineHeadlessService, namespace, labels },
      spec: {
        clusterIp: 'None',
        selector,
        publishNotReadyAddresses: true,
        ports: [port('driver', PORTS.driver), port('block-manager', PORTS.blockManager)],
      },
    });
    new k8s.KubeService(this, 'Service', {
      metadata: { name: names.engineService, namespace, labels },
      spec: { selector, ports: [port('http', PORTS.app), port('spark-ui', PORTS.sparkUi)] },
    });
  }
}
