import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { Platform } from '../spec/platform';
import { Role } from '../spec/types';
import { SPARK_DEFAULTS_FILE, tenantPodTemplates } from '../spark/pod-templates';
import { NamespaceChart } from './namespace-chart';
import { NamespaceConfig, requiredSecretAnnotation } from './namespace-config';
import { Proxy, PROXY_TENANT_TEMPLATE_SUBDIR, PROXY_TENANTS_DIR } from './proxy';
import { SparkProperties } from './spark-properties';

const PROXY_ROLES: readonly Role[] = ['proxy'];

export interface ProxyNamespaceProps {
  readonly platform: Platform;
}

/**
 * The proxy namespace: the proxy and its files, and for every tenant a ConfigMap with what the
 * proxy's spark-submit needs to launch an engine there (cluster-mode spark-defaults.conf, driver
 * and executor pod templates).
 */
export class ProxyNamespace extends NamespaceChart {
  constructor(scope: Construct, id: string, props: ProxyNamespaceProps) {
    const { platform } = props;
    const { spec } = platform;
    const namespace = spec.proxy.namespace;
    super(scope, id, { spec, namespace, role: 'proxy', annotations: requiredSecretAnnotation(platform, PROXY_ROLES) });
    const names = objectNames(spec);
    new NamespaceConfig(this, 'Config', { platform, namespace, roles: PROXY_ROLES });

    for (const tenant of spec.tenants) {
      const scope = new Construct(this, `Tenant-${tenant.namespace}`);
      const templateDir = `${PROXY_TENANTS_DIR}/${tenant.namespace}/${PROXY_TENANT_TEMPLATE_SUBDIR}`;
      const properties = new SparkProperties(scope, 'SparkProperties', { platform, tenant, deployMode: 'cluster', templateDir });
      const templates = tenantPodTemplates(platform, tenant);
      new k8s.KubeConfigMap(scope, 'SparkConfig', {
        metadata: {
          name: names.tenantSparkConfigMap(tenant.namespace),
          namespace,
          labels: { ...commonLabels(spec, 'spark-config'), 'spark-tenancy.dev/tenant': tenant.namespace },
        },
        data: {
          [SPARK_DEFAULTS_FILE]: properties.toSparkDefaults(),
          [templates.driver.fileName]: templates.driver.text,
          [templates.executor.fileName]: templates.executor.text,
        },
      });
    }
    new Proxy(this, 'Proxy', { platform });
  }
}
