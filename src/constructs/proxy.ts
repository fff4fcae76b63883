import { Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { buildRolePod } from '../pod/role-pod';
import { resourceRequirements } from '../pod/workload';
import { kerberosJavaOpts } from '../spark/kerberos';
import { DEFAULTS, Platform, platformTransport, PORTS } from '../spec/platform';
import { DRIVER_TEMPLATE_FILE, EXECUTOR_TEMPLATE_FILE, SPARK_DEFAULTS_FILE } from '../spark/pod-templates';

/**
 * Where the proxy finds each tenant's files: `<dir>/<tenant>/conf/spark-defaults.conf` (the
 * SPARK_CONF_DIR of that tenant's spark-submit) and `<dir>/<tenant>/pod-templates/*-template.yaml`,
 * kept out of the conf folder because Spark copies that folder's files into the driver's ConfigMap.
 */
export const PROXY_TENANTS_DIR = '/opt/spark-tenancy/tenants';
export const PROXY_TENANT_CONF_SUBDIR = 'conf';
export const PROXY_TENANT_TEMPLATE_SUBDIR = 'pod-templates';

export interface SparkProxyProps {
  /**
   * The loaded platform. The proxy mounts the launch configuration of every tenant in
   * `platform.spec.tenants` as the list is when the manifest is rendered, so tenants added to it
   * after this construct (`SparkPlatform.addTenant`) are mounted too.
   */
  readonly platform: Platform;
}

/**
 * The proxy: the unified image in proxy role, with its ServiceAccount, its own files, and every
 * tenant's Spark ConfigMap mounted at `/opt/spark-tenancy/tenants/<tenant>/` for spark-submit.
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

    // One projected volume for all tenants keeps the pod spec small at a thousand tenants. Lazy: the
    // list is read when the manifest is rendered, so it holds tenants added after this construct.
    const tenantSources = Lazy.any({ produce: (): k8s.VolumeProjection[] => spec.tenants.map(t => ({
      configMap: {
        name: names.tenantSparkConfigMap(t.namespace),
        items: [
          { key: SPARK_DEFAULTS_FILE, path: `${t.namespace}/${PROXY_TENANT_CONF_SUBDIR}/${SPARK_DEFAULTS_FILE}` },
          ...[DRIVER_TEMPLATE_FILE, EXECUTOR_TEMPLATE_FILE].map(key => ({ key, path: `${t.namespace}/${PROXY_TENANT_TEMPLATE_SUBDIR}/${key}` })),
        ],
      },
    })) });
    const pod = buildRolePod({
      platform: props.platform,
      role: 'proxy',
      transport: platformTransport(props.platform),
      podDescription: `proxy Deployment in ${namespace}`,
      serviceAccountName: names.proxyServiceAccount,
      container: {
        name: 'proxy',
        args: ['proxy'],
        env: [
          { name: 'SPARK_TENANCY_TENANTS_DIR', value: PROXY_TENANTS_DIR },
          ...(javaOpts !== undefined ? [{ name: 'JAVA_OPTS', value: javaOpts }] : []),
        ],
        ports: [{ name: 'http', containerPort: PORTS.app }],
        resources: resourceRequirements(spec.proxy.resources),
      },
      extraVolumes: [{ name: 'tenant-spark-conf', projected: { sources: tenantSources, defaultMode: 0o444 } }],
      extraVolumeMounts: [{ name: 'tenant-spark-conf', mountPath: PROXY_TENANTS_DIR, readOnly: true }],
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
