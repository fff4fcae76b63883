import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { Platform } from '../spec/platform';
import { Role, TenantSpec } from '../spec/types';
import { SPARK_DEFAULTS_FILE, tenantPodTemplates } from '../spark/pod-templates';
import { NamespaceChart } from './namespace-chart';
import { NamespaceConfig, requiredSecretAnnotation } from './namespace-config';
import { PROXY_TENANT_TEMPLATE_SUBDIR, PROXY_TENANTS_DIR, SparkProxy } from './proxy';
import { SparkProperties } from './spark-properties';

const PROXY_ROLES: readonly Role[] = ['proxy'];

export interface ProxyNamespaceProps {
  /**
   * The loaded platform. Tenants get their launch configuration here through `addTenant`
   * (`SparkPlatform` calls it for each tenant it holds), not from `platform.spec.tenants`.
   */
  readonly platform: Platform;
}

/**
 * The proxy namespace: the proxy and its files, and for every tenant a ConfigMap with what the
 * proxy's spark-submit needs to launch an engine there (cluster-mode spark-defaults.conf, driver
 * and executor pod templates).
 */
export class ProxyNamespace extends NamespaceChart {
  /** The proxy's copies of the spec's files. */
  public readonly config: NamespaceConfig;
  /** The proxy itself. */
  public readonly proxy: SparkProxy;
  private readonly platform: Platform;
  /** Holds each tenant's launch configuration; created before the proxy so the file keeps that order. */
  private readonly tenantConfigs: Construct;
  private readonly configured = new Set<string>();

  constructor(scope: Construct, id: string, props: ProxyNamespaceProps) {
    const { platform } = props;
    const { spec } = platform;
    const namespace = spec.proxy.namespace;
    super(scope, id, { spec, namespace, role: 'proxy', annotations: requiredSecretAnnotation(platform, PROXY_ROLES) });
    this.platform = platform;
    this.config = new NamespaceConfig(this, 'Config', { platform, namespace, roles: PROXY_ROLES });
    this.tenantConfigs = new Construct(this, 'Tenants');
    this.proxy = new SparkProxy(this, 'Proxy', { platform });
    // The proxy mounts the launch configuration of every tenant in the list as it is at synth time.
    this.node.addValidation({ validate: () => this.tenantsWithoutConfig() });
  }

  /**
   * Adds what the proxy's spark-submit needs to launch an engine in `tenant`'s namespace: a ConfigMap
   * with its cluster-mode spark-defaults.conf and driver and executor pod templates. Returns it.
   */
  public addTenant(tenant: TenantSpec): k8s.KubeConfigMap {
    const { platform } = this;
    const { spec } = platform;
    const namespace = this.namespaceName;
    const names = objectNames(spec);
    this.configured.add(tenant.namespace);
    const scope = new Construct(this.tenantConfigs, tenant.namespace);
    const templateDir = `${PROXY_TENANTS_DIR}/${tenant.namespace}/${PROXY_TENANT_TEMPLATE_SUBDIR}`;
    const properties = new SparkProperties(scope, 'SparkProperties', { platform, tenant, deployMode: 'cluster', templateDir });
    const templates = tenantPodTemplates(platform, tenant);
    return new k8s.KubeConfigMap(scope, 'SparkConfig', {
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

  /** Tenants of the spec that the proxy would mount but whose ConfigMap was never added. */
  private tenantsWithoutConfig(): string[] {
    return this.platform.spec.tenants
      .filter(t => !this.configured.has(t.namespace))
      .map(t => `the proxy mounts tenant ${t.namespace}'s launch configuration, which was never added; call addTenant for it (SparkPlatform.addTenant does)`);
  }
}
