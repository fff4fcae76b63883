import { Construct } from 'constructs';
import { objectNames } from '../names';
import { Platform, platformDelivery, PORTS, TENANT_POD_ROLES, tenantEngine, tenantTransport } from '../platform-spec/platform';
import { TenantSpec } from '../platform-spec/types';
import { DRIVER_CONTAINER, DRIVER_TEMPLATE_FILE, EXECUTOR_CONTAINER, EXECUTOR_TEMPLATE_FILE } from '../spark/pod-templates';
import { renderSparkDefaults } from '../spark/spark-defaults';
import { checkProperties } from '../spark/spark-property-checks';
import { ownedSparkKeys } from '../spark/owned-keys';
import { driverResourceProperties } from '../spark/driver-resources';
import { clusterModeKeytab, KERBEROS_KEYTAB_KEY, kerberosProperties } from '../spark/kerberos';
import { FRAGMENT_PROPERTIES, NAMESPACE_CONFIGMAPS_PROPERTY, STEP_CLASSES, tenantFragments } from '../spark/launch-fragments';
import { readsFilesConfigMap } from '../sync/config-sync';
import { filesConfigMapContent } from './namespace-config';

/**
 * `cluster`: the proxy's spark-submit creates the driver pod in the tenant namespace.
 * `client`: the tenant's long-running engine is the driver itself.
 */
/**
 * How Spark runs the driver: `client` in the engine's own pod (the tenant's long-running engine),
 * `cluster` in a pod of its own that the proxy's spark-submit creates.
 */
export type SparkDeployMode = 'cluster' | 'client';

export interface SparkPropertiesProps {
  /** The loaded platform: its `spark.properties` and Kerberos settings. */
  readonly platform: Platform;
  /** The tenant; its `spark.properties` override the platform's. */
  readonly tenant: TenantSpec;
  /** `client` for the tenant's engine, `cluster` for drivers the proxy submits. */
  readonly deployMode: SparkDeployMode;
  /**
   * Folder holding the pod template files in the pod that reads these properties (never its
   * SPARK_CONF_DIR); used with `delivery: podTemplates`.
   */
  readonly templateDir: string;
}

/**
 * One tenant's `spark-defaults.conf`: the platform's properties, the tenant's on top, and the keys
 * the package owns (namespace, image, service accounts, feature steps and their fragments or pod
 * templates, role marker).
 */
export class SparkProperties extends Construct {
  /** The merged properties, sorted by key. */
  public readonly properties: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: SparkPropertiesProps) {
    super(scope, id);
    const { spec } = props.platform;
    const layers = [spec.spark, props.tenant.spark];
    for (const layer of layers) {
      if (!layer || checkedLayers.has(layer)) continue;
      const problems = checkProperties(layer.properties ?? {}, {
        owned: ownedSparkKeys(spec.roleEnv, { kerberos: spec.kerberos !== undefined }),
        allowOverride: layer.override === true,
      });
      if (problems.length > 0) {
        throw new Error(`SparkProperties for ${props.tenant.namespace}: ${problems.map(p => `${p.key}: ${p.message}`).join('; ')}`);
      }
      checkedLayers.add(layer);
    }
    const user: Record<string, string> = Object.fromEntries(layers.flatMap(l => Object.entries(l?.properties ?? {})));
    const mayOverride = layers.some(l => l?.override === true);
    const owned = ownedValues(props, user);
    const merged = mayOverride ? { ...owned, ...user } : { ...user, ...owned };
    this.properties = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** The `spark-defaults.conf` text. */
  public toSparkDefaults(): string {
    return renderSparkDefaults(this.properties);
  }
}

/** The platform's layer is shared by every tenant: check each layer object once, not once per tenant. */
const checkedLayers = new WeakSet<object>();

/**
 * The in-cluster API server. spark-submit needs a master even when bootstrap.sh passes one from
 * KUBERNETES_SERVICE_HOST/PORT; this one resolves in every pod with cluster DNS.
 */
export const IN_CLUSTER_MASTER = 'k8s://https://kubernetes.default.svc:443';

function ownedValues(props: SparkPropertiesProps, user: Readonly<Record<string, string>>): Record<string, string> {
  const { platform, tenant, deployMode } = props;
  const { spec } = platform;
  const names = objectNames(spec);
  const values: Record<string, string> = {
    'spark.master': IN_CLUSTER_MASTER,
    'spark.submit.deployMode': deployMode,
    'spark.kubernetes.namespace': tenant.namespace,
    'spark.kubernetes.container.image': spec.image,
    'spark.kubernetes.authenticate.driver.serviceAccountName': names.engineServiceAccount,
    'spark.kubernetes.authenticate.executor.serviceAccountName': names.executorServiceAccount,
    [`spark.executorEnv.${spec.roleEnv}`]: 'true',
    ...driverResourceProperties(tenantEngine(spec, tenant).resources),
    ...deliveryProperties(props),
  };
  if (deployMode === 'cluster') {
    // The proxy launches long-running engines: its spark-submit returns once the driver pod runs.
    values['spark.kubernetes.submission.waitAppCompletion'] = 'false';
    const plainKeytab = user[KERBEROS_KEYTAB_KEY];
    if (plainKeytab !== undefined && !spec.kerberos) values[KERBEROS_KEYTAB_KEY] = clusterModeKeytab(plainKeytab);
  } else {
    // Executors connect back to the engine pod through its headless Service; the driver listens on
    // every address, because the Service's name is not an address of the pod (bindAddress falls back to host).
    values['spark.driver.host'] = `${names.engineHeadlessService}.${tenant.namespace}.svc`;
    values['spark.driver.bindAddress'] = '0.0.0.0';
    values['spark.driver.port'] = String(PORTS.driver);
    values['spark.blockManager.port'] = String(PORTS.blockManager);
  }
  return { ...values, ...kerberosProperties(platform, deployMode, user) };
}

/**
 * How the pods Spark creates get the platform's parts: spark-tenancy's feature steps with their
 * fragments (and, for a launch into a namespace whose pods read its files ConfigMap, the namespace step
 * with that ConfigMap's content hash), or the pod templates. The spec's own steps run after ours.
 */
function deliveryProperties(props: SparkPropertiesProps): Record<string, string> {
  const { platform, tenant, deployMode } = props;
  const { spec } = platform;
  const userSteps = (role: 'driver' | 'executor') => tenant.spark?.featureSteps?.[role] ?? spec.spark?.featureSteps?.[role] ?? [];
  const values: Record<string, string> = {};
  const steps = (role: 'driver' | 'executor', ours: string[]) => {
    const all = [...ours, ...userSteps(role)];
    if (all.length > 0) values[`spark.kubernetes.${role}.pod.featureSteps`] = all.join(',');
  };
  if (platformDelivery(platform) === 'podTemplates') {
    values['spark.kubernetes.executor.podTemplateFile'] = `${props.templateDir}/${EXECUTOR_TEMPLATE_FILE}`;
    values['spark.kubernetes.executor.podTemplateContainerName'] = EXECUTOR_CONTAINER;
    if (deployMode === 'cluster') {
      values['spark.kubernetes.driver.podTemplateFile'] = `${props.templateDir}/${DRIVER_TEMPLATE_FILE}`;
      values['spark.kubernetes.driver.podTemplateContainerName'] = DRIVER_CONTAINER;
    }
    steps('driver', []);
    steps('executor', []);
    return values;
  }
  const fragments = tenantFragments(platform, tenant);
  values[FRAGMENT_PROPERTIES.executor] = fragments.executor;
  steps('executor', [STEP_CLASSES.executorSetup]);
  if (deployMode === 'client') {
    steps('driver', []);
    return values;
  }
  values[FRAGMENT_PROPERTIES.engine] = fragments.engine;
  const files = readsFilesConfigMap(tenantTransport(platform, tenant)) ? filesConfigMapContent(platform, TENANT_POD_ROLES) : undefined;
  if (files) values[NAMESPACE_CONFIGMAPS_PROPERTY] = `${objectNames(spec).filesConfigMap}=${files.hash}`;
  steps('driver', [...(files ? [STEP_CLASSES.engineNamespace] : []), STEP_CLASSES.engineSetup]);
  return values;
}
