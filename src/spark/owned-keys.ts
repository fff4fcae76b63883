import { DRIVER_RESOURCE_KEYS } from './driver-resources';
import { KERBEROS_OWNED_KEYS } from './kerberos';
import { FRAGMENT_PROPERTIES, NAMESPACE_CONFIGMAPS_PROPERTY } from './launch-fragments';

/** What decides which keys the package owns beyond the fixed ones. */
export interface OwnedKeyOptions {
  /** The spec has a `kerberos` section: the package sets the principal, keytab and Hadoop authentication. */
  readonly kerberos?: boolean;
}

/**
 * Spark properties the package sets itself, with what each is derived from. A spec may replace
 * them only with `spark.override: true`, because a wrong value here silently breaks engine launch.
 */
export function ownedSparkKeys(roleEnv: string, options: OwnedKeyOptions = {}): ReadonlyMap<string, string> {
  return new Map([
    ['spark.master', 'the Kubernetes API server (in-cluster)'],
    ['spark.submit.deployMode', 'the role (cluster for the proxy, client for the engine)'],
    ['spark.kubernetes.namespace', 'the tenant namespace'],
    ['spark.kubernetes.container.image', "the spec's image"],
    ['spark.kubernetes.authenticate.driver.serviceAccountName', 'the engine ServiceAccount'],
    ['spark.kubernetes.authenticate.executor.serviceAccountName', 'the executor ServiceAccount'],
    ['spark.kubernetes.driver.podTemplateFile', 'the generated driver template'],
    ['spark.kubernetes.executor.podTemplateFile', 'the generated executor template'],
    ['spark.kubernetes.driver.podTemplateContainerName', 'the generated driver template'],
    ['spark.kubernetes.executor.podTemplateContainerName', 'the generated executor template'],
    ['spark.kubernetes.driver.pod.featureSteps', "spark-tenancy's feature steps and spark.featureSteps.driver"],
    ['spark.kubernetes.executor.pod.featureSteps', "spark-tenancy's feature steps and spark.featureSteps.executor"],
    [FRAGMENT_PROPERTIES.engine, 'the engine pods synth describes for EngineSetup'],
    [FRAGMENT_PROPERTIES.executor, 'the executor pods synth describes for ExecutorSetup'],
    [NAMESPACE_CONFIGMAPS_PROPERTY, "the tenant namespace's files ConfigMap and its content hash"],
    ['spark.kubernetes.submission.waitAppCompletion', 'the proxy launching engines (false: spark-submit returns once the driver runs)'],
    [`spark.executorEnv.${roleEnv}`, 'roleEnv (the executor role marker)'],
    ['spark.driver.host', "the engine's headless Service"],
    ['spark.driver.bindAddress', 'the engine pod (0.0.0.0: the Service name is not a local address)'],
    ['spark.driver.port', "the image's driver port"],
    ['spark.blockManager.port', "the image's block manager port"],
    ...DRIVER_RESOURCE_KEYS,
    ...(options.kerberos ? KERBEROS_OWNED_KEYS : []),
  ]);
}
