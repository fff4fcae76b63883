import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { Platform } from '../spec/platform';
import { Role, TenantSpec } from '../spec/types';
import { SPARK_DEFAULTS_FILE, tenantPodTemplates } from '../spark/pod-templates';
import { SyncFile } from '../sync/config-sync';
import { generatedFile } from '../sync/generated-file';
import { Engine, ENGINE_CONF_DIR, ENGINE_POD_TEMPLATE_DIR } from './engine';
import { EngineRbac } from './engine-rbac';
import { NamespaceChart } from './namespace-chart';
import { NamespaceConfig, requiredSecretAnnotation } from './namespace-config';
import { SparkProperties } from './spark-properties';
import { TenantNetworkPolicies } from './tenant-network-policies';
import { TenantQuota } from './tenant-quota';

/** Pods in a tenant namespace. */
const TENANT_ROLES: readonly Role[] = ['engine', 'executor'];

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
      annotations: requiredSecretAnnotation(platform, TENANT_ROLES),
    });
    const names = objectNames(spec);
    this.tenant = tenant;
    this.rbac = new EngineRbac(this, 'Rbac', { spec, tenant });
    this.quota = new TenantQuota(this, 'Quota', { spec, tenant });
    this.networkPolicies = new TenantNetworkPolicies(this, 'NetworkPolicies', { spec, tenant });
    this.config = new NamespaceConfig(this, 'Config', { platform, namespace: tenant.namespace, roles: TENANT_ROLES });

    const sparkProperties = new SparkProperties(this, 'SparkProperties', { platform, tenant, deployMode: 'client', templateDir: ENGINE_POD_TEMPLATE_DIR });
    const { executor } = tenantPodTemplates(platform, tenant);
    const sparkFiles: SyncFile[] = [
      generatedFile(SPARK_DEFAULTS_FILE, ENGINE_CONF_DIR, sparkProperties.toSparkDefaults()),
      generatedFile(executor.fileName, ENGINE_POD_TEMPLATE_DIR, executor.text),
    ];
    this.sparkProperties = sparkProperties;
    this.sparkConfig = new k8s.KubeConfigMap(this, 'SparkConfig', {
      metadata: { name: names.sparkConfigMap, namespace: tenant.namespace, labels: commonLabels(spec, 'spark-config') },
      data: Object.fromEntries(sparkFiles.map(f => [f.key, f.content!.toString('utf8')])),
    });
    this.engine = new Engine(this, 'Engine', { platform, tenant, sparkFiles });
  }
}

