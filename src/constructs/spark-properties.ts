import { Construct } from 'constructs';
import { objectNames } from '../names';
import { DEFAULTS, Platform, PORTS } from '../spec/platform';
import { TenantSpec } from '../spec/types';
import { DRIVER_CONTAINER, DRIVER_TEMPLATE_FILE, EXECUTOR_CONTAINER, EXECUTOR_TEMPLATE_FILE } from '../spark/pod-templates';
import { checkProperties, renderSparkDefaults } from '../spark/spark-property-checks';
import { ownedSparkKeys } from '../spark/owned-keys';

/**
 * `cluster`: the proxy's spark-submit creates the driver pod in the tenant namespace.
 * `client`: the tenant's long-running engine is the driver itself.
 */
export type SparkDeployMode = 'cluster' | 'client';

export interface SparkPropertiesProps {
  readonly platform: Platform;
  readonly tenant: TenantSpec;
  readonly deployMode: SparkDeployMode;
  /** Folder holding the pod template files in the pod that reads these properties. */
  readonly templateDir: string;
}

/**
 * One tenant's `spark-defaults.conf`: the platform's properties, the tenant's on top, and the keys
 * the package owns (namespace, image, service accounts, pod templates, feature steps, role marker).
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
      const problems = checkProperties(layer.properties ?? {}, { owned: ownedSparkKeys(spec.roleEnv), allowOverride: layer.override === true });
      if (problems.length > 0) {
        throw new Error(`SparkProperties for ${props.tenant.namespace}: ${problems.map(p => `${p.key}: ${p.message}`).join('; ')}`);
      }
      checkedLayers.add(layer);
    }
    const user: Record<string, string> = Object.fromEntries(layers.flatMap(l => Object.entries(l?.properties ?? {})));
    const mayOverride = layers.some(l => l?.override === true);
    const merged = mayOverride ? { ...ownedValues(props), ...user } : { ...user, ...ownedValues(props) };
    this.properties = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  /** The `spark-defaults.conf` text. */
  public toSparkDefaults(): string {
    return renderSparkDefaults(this.properties);
  }
}

/** The platform's layer is shared by every tenant: check each layer object once, not once per tenant. */
const checkedLayers = new WeakSet<object>();

function ownedValues(props: SparkPropertiesProps): Record<string, string> {
  const { spec } = props.platform;
  const names = objectNames(spec);
  const steps = (role: 'driver' | 'executor', fallback: string[]) =>
    props.tenant.spark?.featureSteps?.[role] ?? spec.spark?.featureSteps?.[role] ?? fallback;
  const values: Record<string, string> = {
    'spark.kubernetes.namespace': props.tenant.namespace,
    'spark.kubernetes.container.image': spec.image,
    'spark.kubernetes.authenticate.driver.serviceAccountName': names.engineServiceAccount,
    'spark.kubernetes.authenticate.executor.serviceAccountName': names.engineServiceAccount,
    'spark.kubernetes.executor.podTemplateFile': `${props.templateDir}/${EXECUTOR_TEMPLATE_FILE}`,
    'spark.kubernetes.executor.podTemplateContainerName': EXECUTOR_CONTAINER,
    [`spark.executorEnv.${spec.roleEnv}`]: 'true',
  };
  const driverSteps = steps('driver', DEFAULTS.driverFeatureSteps);
  const executorSteps = steps('executor', DEFAULTS.executorFeatureSteps);
  if (driverSteps.length > 0) values['spark.kubernetes.driver.pod.featureSteps'] = driverSteps.join(',');
  if (executorSteps.length > 0) values['spark.kubernetes.executor.pod.featureSteps'] = executorSteps.join(',');
  if (props.deployMode === 'cluster') {
    values['spark.kubernetes.driver.podTemplateFile'] = `${props.templateDir}/${DRIVER_TEMPLATE_FILE}`;
    values['spark.kubernetes.driver.podTemplateContainerName'] = DRIVER_CONTAINER;
  } else {
    // Executors connect back to the engine pod through its headless Service.
    values['spark.driver.host'] = `${names.engineHeadlessService}.${props.tenant.namespace}.svc`;
    values['spark.driver.port'] = String(PORTS.driver);
    values['spark.blockManager.port'] = String(PORTS.blockManager);
  }
  return values;
}
