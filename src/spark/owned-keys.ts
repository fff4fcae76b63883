/**
 * Spark properties the package sets itself, with what each is derived from. A spec may replace
 * them only with `spark.override: true`, because a wrong value here silently breaks engine launch.
 */
export function ownedSparkKeys(roleEnv: string): ReadonlyMap<string, string> {
  return new Map([
    ['spark.kubernetes.namespace', 'the tenant namespace'],
    ['spark.kubernetes.container.image', 'the spec\'s image'],
    ['spark.kubernetes.authenticate.driver.serviceAccountName', 'the engine ServiceAccount'],
    ['spark.kubernetes.authenticate.executor.serviceAccountName', 'the engine ServiceAccount'],
    ['spark.kubernetes.driver.podTemplateFile', 'the generated driver template'],
    ['spark.kubernetes.executor.podTemplateFile', 'the generated executor template'],
    ['spark.kubernetes.driver.podTemplateContainerName', 'the generated driver template'],
    ['spark.kubernetes.executor.podTemplateContainerName', 'the generated executor template'],
    ['spark.kubernetes.driver.pod.featureSteps', 'spark.featureSteps.driver'],
    ['spark.kubernetes.executor.pod.featureSteps', 'spark.featureSteps.executor'],
    [`spark.executorEnv.${roleEnv}`, 'roleEnv (the executor role marker)'],
    ['spark.driver.host', 'the engine\'s headless Service'],
    ['spark.driver.port', 'the image\'s driver port'],
    ['spark.blockManager.port', 'the image\'s block manager port'],
  ]);
}
