import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { Platform, platformDelivery, TENANT_POD_ROLES, tenantTransport } from '../platform-spec/platform';
import { TenantSpec } from '../platform-spec/types';
import { CLUSTER_SPARK_DEFAULTS_KEY, SPARK_DEFAULTS_FILE, tenantPodTemplates } from '../spark/pod-templates';
import { Engine, ENGINE_CONF_DIR, ENGINE_POD_TEMPLATE_DIR, EngineSparkFile } from './engine';
import { EngineRbac } from './engine-rbac';
import { NamespaceChart } from './namespace-chart';
import { NamespaceConfig, requiredSecretAnnotation } from './namespace-config';
import { PROXY_TENANT_TEMPLATE_SUBDIR, PROXY_TENANTS_DIR } from './proxy';
import { SparkProperties } from './spark-properties';
import { TenantNetworkPolicies } from './tenant-network-policies';
import { TenantQuota } from './tenant-quota';

export interface TenantNamespaceProps {
  /** The loaded platform: image, files and the defaults the tenant's settings override. */
  readonly platform: Platform;
  /**
   * The tenant. The proxy's side of it (its launch configuration in the proxy namespace) is not made
   * here: `SparkPlatform.addTenant` makes both.
   */
  readonly tenant: TenantSpec;
}

/**
 * Everything one tenant namespace holds: the Namespace, RBAC for engines and for the proxy, the
 * namespace's quota and limits, its copies of the files, the engine's Spark configuration, and the engine itself.
 */
export class TenantNamespace extends NamespaceChart {
  /** The tenant as given. */
  public readonly tenant: TenantSpec;
  /** ServiceAccounts, Roles and bindings for the engine, its executors and the proxy. */
  public readonly rbac: EngineRbac;
  /** ResourceQuota and LimitRange. */
  public readonly quota: TenantQuota;
  /** Default-deny ingress and the platform's flows. */
  public readonly networkPolicies: TenantNetworkPolicies;
  /** The namespace's copies of the spec's files. */
  public readonly config: NamespaceConfig;
  /** The engine's (client-mode) Spark properties. */
  public readonly sparkProperties: SparkProperties;
  /** The ConfigMap with the engine's spark-defaults.conf and executor pod template. */
  public readonly sparkConfig: k8s.KubeConfigMap;
  /** The engine: Deployment and Services. */
  public readonly engine: Engine;

  constructor(scope: Construct, id: string, props: TenantNamespaceProps) {
    const { platform, tenant } = props;
    const { spec } = platform;
    super(scope, id, {
      spec,
      namespace: tenant.namespace,
      role: 'tenant',
      labels: { 'spark-tenancy.dev/tenant': 'true', ...tenant.labels },
      annotations: requiredSecretAnnotation(platform, TENANT_POD_ROLES),
    });
    const names = objectNames(spec);
    this.tenant = tenant;
    this.rbac = new EngineRbac(this, 'Rbac', { spec, tenant });
    this.quota = new TenantQuota(this, 'Quota', { spec, tenant });
    this.networkPolicies = new TenantNetworkPolicies(this, 'NetworkPolicies', { spec, tenant });
    this.config = new NamespaceConfig(this, 'Config', {
      platform,
      namespace: tenant.namespace,
      roles: TENANT_POD_ROLES,
      transport: tenantTransport(platform, tenant),
    });

    const sparkProperties = new SparkProperties(this, 'SparkProperties', { platform, tenant, deployMode: 'client', templateDir: ENGINE_POD_TEMPLATE_DIR });
    // What the proxy's spark-submit needs to launch an engine here. It lives in this namespace, not the
    // proxy's: the proxy reads it at launch (`bootstrap.sh launch`), so adding a tenant never touches the
    // proxy's Deployment, and the proxy namespace does not grow with tenants.
    const launchProperties = new SparkProperties(this, 'LaunchProperties', {
      platform,
      tenant,
      deployMode: 'cluster',
      templateDir: `${PROXY_TENANTS_DIR}/${tenant.namespace}/${PROXY_TENANT_TEMPLATE_SUBDIR}`,
    });
    const sparkFiles: EngineSparkFile[] = [{ key: SPARK_DEFAULTS_FILE, dir: ENGINE_CONF_DIR, text: sparkProperties.toSparkDefaults() }];
    const data: Record<string, string> = {
      [SPARK_DEFAULTS_FILE]: sparkFiles[0].text,
      [CLUSTER_SPARK_DEFAULTS_KEY]: launchProperties.toSparkDefaults(),
    };
    if (platformDelivery(platform) === 'podTemplates') {
      // For an image without the feature steps: the engine reads the executor template, the launcher both.
      const { driver, executor } = tenantPodTemplates(platform, tenant);
      sparkFiles.push({ key: executor.fileName, dir: ENGINE_POD_TEMPLATE_DIR, text: executor.text });
      data[driver.fileName] = driver.text;
      data[executor.fileName] = executor.text;
    }
    this.sparkProperties = sparkProperties;
    // One ConfigMap, each file once: the engine mounts its keys, the launcher reads all but the engine's defaults.
    this.sparkConfig = new k8s.KubeConfigMap(this, 'SparkConfig', {
      metadata: { name: names.sparkConfigMap, namespace: tenant.namespace, labels: commonLabels(spec, 'spark-config') },
      data,
    });
    this.engine = new Engine(this, 'Engine', { platform, tenant, sparkFiles });
  }
}
