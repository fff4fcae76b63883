import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { Platform } from '../spec/platform';
import { Role, TenantSpec } from '../spec/types';
import { CLUSTER_SPARK_DEFAULTS_KEY, SPARK_DEFAULTS_FILE, tenantPodTemplates } from '../spark/pod-templates';
import { Engine, ENGINE_CONF_DIR, ENGINE_POD_TEMPLATE_DIR, EngineSparkFile } from './engine';
import { EngineRbac } from './engine-rbac';
import { NamespaceChart } from './namespace-chart';
import { NamespaceConfig, requiredSecretAnnotation } from './namespace-config';
import { PROXY_TENANT_TEMPLATE_SUBDIR, PROXY_TENANTS_DIR } from './proxy';
import { SparkProperties } from './spark-properties';
import { TenantNetworkPolicies } from './tenant-network-policies';
import { TenantQuota } from './tenant-quota';

/** Pods in a tenant namespace. */
const TENANT_ROLES: readonly Role[] = ['engine', 'executor'];

export interface TenantNamespaceProps {
  readonly platform: Platform;
  readonly tenant: TenantSpec;
}

/**
 * Everything one tenant namespace holds: the Namespace, RBAC for engines and for the proxy, the
 * namespace's quota and limits, its copies of the files, the engine's Spark configuration, and the engine itself.
 */
export class TenantNamespace extends NamespaceChart {
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
    new EngineRbac(this, 'Rbac', { spec, tenant });
    new TenantQuota(this, 'Quota', { spec, tenant });
    new TenantNetworkPolicies(this, 'NetworkPolicies', { spec, tenant });
    new NamespaceConfig(this, 'Config', { platform, namespace: tenant.namespace, roles: TENANT_ROLES });

    const sparkProperties = new SparkProperties(this, 'SparkProperties', { platform, tenant, deployMode: 'client', templateDir: ENGINE_POD_TEMPLATE_DIR });
    // What the proxy's spark-submit needs to launch an engine here. It lives in this namespace, not the
    // proxy's: the proxy reads it at launch (`bootstrap.sh launch`), so adding a tenant never touches the
    // proxy's Deployment, and the proxy namespace does not grow with tenants.
    const launchProperties = new SparkProperties(this, 'LaunchProperties', {
      platform, tenant, deployMode: 'cluster', templateDir: `${PROXY_TENANTS_DIR}/${tenant.namespace}/${PROXY_TENANT_TEMPLATE_SUBDIR}`,
    });
    const { driver, executor } = tenantPodTemplates(platform, tenant);
    const sparkFiles: EngineSparkFile[] = [
      { key: SPARK_DEFAULTS_FILE, dir: ENGINE_CONF_DIR, text: sparkProperties.toSparkDefaults() },
      { key: executor.fileName, dir: ENGINE_POD_TEMPLATE_DIR, text: executor.text },
    ];
    // One ConfigMap, each file once: the engine mounts its two keys, the launcher reads all but the engine's defaults.
    new k8s.KubeConfigMap(this, 'SparkConfig', {
      metadata: { name: names.sparkConfigMap, namespace: tenant.namespace, labels: commonLabels(spec, 'spark-config') },
      data: {
        [SPARK_DEFAULTS_FILE]: sparkFiles[0].text,
        [CLUSTER_SPARK_DEFAULTS_KEY]: launchProperties.toSparkDefaults(),
        [driver.fileName]: driver.text,
        [executor.fileName]: executor.text,
      },
    });
    new Engine(this, 'Engine', { platform, tenant, sparkFiles });
  }
}

