import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { buildRolePod } from '../pod/role-pod';
import { resourceRequirements } from '../pod/workload';
import { kerberosJavaOpts } from '../spark/kerberos';
import { DEFAULTS, Platform, platformTransport, PORTS } from '../platform-spec/platform';
import { proxyCarriedFiles } from '../spark/launch-fragments';

/**
 * Where `bootstrap.sh launch <tenant>` writes what it read from the tenant's Spark ConfigMap:
 * `<dir>/<tenant>/conf/spark-defaults.conf` (the SPARK_CONF_DIR of that tenant's spark-submit) and,
 * with `delivery: podTemplates`, `<dir>/<tenant>/pod-templates/*-template.yaml`, kept out of the conf folder because Spark copies that
 * folder's files into the driver's ConfigMap. An emptyDir: the proxy's pod spec names no tenant.
 */
export const PROXY_TENANTS_DIR = '/opt/spark-tenancy/tenants';
export const PROXY_TENANT_CONF_SUBDIR = 'conf';
export const PROXY_TENANT_TEMPLATE_SUBDIR = 'pod-templates';

export interface SparkProxyProps {
  /** The loaded platform. Only its proxy and platform-wide settings shape the proxy: no tenant does. */
  readonly platform: Platform;
}

/**
 * The proxy: the unified image in proxy role, with its ServiceAccount and its own files. Nothing in
 * it depends on the tenants: it launches an engine with `/opt/bootstrap.sh launch <tenant> ...`, which
 * reads that tenant's Spark ConfigMap from the API server at launch, so a tenant added later needs no
 * restart.
 */
export class SparkProxy extends Construct {
  /** The proxy's Deployment. */
  public readonly deployment: k8s.KubeDeployment;
  /** The proxy's ServiceAccount, which the tenants' submitter Roles are bound to. */
  public readonly serviceAccount: k8s.KubeServiceAccount;

  constructor(scope: Construct, id: string, props: SparkProxyProps) {
    super(scope, id);
    const { spec } = props.platform;
    const names = objectNames(spec);
    const namespace = spec.proxy.namespace;
    const labels = commonLabels(spec, 'proxy');
    const selector = { 'app.kubernetes.io/name': spec.name, 'app.kubernetes.io/component': 'proxy' };
    const javaOpts = kerberosJavaOpts(props.platform, 'proxy');

    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', {
      metadata: { name: names.proxyServiceAccount, namespace, labels },
    });

    const pod = buildRolePod({
      platform: props.platform,
      role: 'proxy',
      transport: platformTransport(props.platform),
      podDescription: `proxy Deployment in ${namespace}`,
      serviceAccountName: names.proxyServiceAccount,
      // The engines' files the proxy does not hold itself, which EngineSetup reads at each launch.
      carriedFiles: proxyCarriedFiles(props.platform),
      container: {
        name: 'proxy',
        args: ['proxy'],
        env: [
          { name: 'SPARK_TENANCY_TENANTS_DIR', value: PROXY_TENANTS_DIR },
          // The one name `bootstrap.sh launch` reads in every tenant namespace: the same for all tenants.
          { name: 'SPARK_TENANCY_SPARK_CONFIGMAP', value: names.sparkConfigMap },
          ...(javaOpts !== undefined ? [{ name: 'JAVA_OPTS', value: javaOpts }] : []),
        ],
        ports: [{ name: 'http', containerPort: PORTS.app }],
        resources: resourceRequirements(spec.proxy.resources),
      },
      extraVolumes: [{ name: 'tenant-launch', emptyDir: {} }],
      extraVolumeMounts: [{ name: 'tenant-launch', mountPath: PROXY_TENANTS_DIR }],
    });

    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: names.proxyDeployment, namespace, labels },
      spec: {
        replicas: spec.proxy.replicas ?? DEFAULTS.replicas,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels, annotations: { 'checksum/config': pod.checksum } },
          spec: pod.spec,
        },
      },
    });
  }
}
