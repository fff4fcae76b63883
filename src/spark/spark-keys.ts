/**
 * The `spark.kubernetes.*` configuration keys of Spark 3.3, 3.4 and 3.5.
 *
 * Every key below was read in one of these sources (nothing is guessed):
 *
 * - apache/spark `resource-managers/kubernetes/core/src/main/scala/org/apache/spark/deploy/k8s/Config.scala`
 *   - at 007438924505c1cc615fd3152ce36e90a1ca56d4: a 3.2-line copy (no key newer than 3.2.0).
 *   - at a7eff43e2f65385754e2accc016bc51281f4c594: 3.3.0 development, before apache/spark#35767 renamed
 *     `decommmissionLabel` (three m) to `decommissionLabel` ahead of the 3.3 branch cut; the three-m
 *     spelling never shipped and is not listed.
 * - LuciferYang/spark, same path, at 0c6dc463fb912b056e937104663030ba6a638c39: a fork copy with every
 *   3.4.0 key and the 3.4.3 backport, and no 4.0 key. G-Research/spark at
 *   06db976a2c1ded0d3d16c578cde210d58dac4d12 has the same keys plus one fork-only key
 *   (`spark.kubernetes.executor.enableService`, "4.2.0"), which is not listed. zml1206/spark at
 *   a787854a99a292a595f90a8137866842b9a7dddd adds `spark.kubernetes.{driver,executor}.limit.memory`
 *   marked "3.5.0", which no apache/spark source carries; not listed either.
 * - apache/spark `docs/running-on-kubernetes.md`
 *   - at 00185e3d8f9a5bea7238f1387543cf01a8fe1fd4: the 3.3 docs (newest "Since Version" is 3.3.0).
 *   - at 8176f80752efa72518715435d64f97787ba28e00: 4.0 development docs; they list the 3.4.0 keys and
 *     4.0.0 keys, and no key since 3.5.0.
 * - apache/spark `resource-managers/kubernetes/core/src/main/scala/org/apache/spark/deploy/k8s/features/VolcanoFeatureStep.scala`
 *   at a0074054c0bf44abdd5a3ab2aebca51345f07321: `spark.kubernetes.scheduler.volcano.podGroupTemplateFile`.
 * - apache/spark#41713 (SPARK-44158): removed the unused `spark.kubernetes.executor.lostCheck.maxAttempts`
 *   from master, 3.4 and 3.3 (so from 3.3.3, 3.4.1 and 3.5.0).
 *
 * Spark 3.5 adds no `spark.kubernetes.*` key over 3.4: none of the later copies above has a key marked
 * 3.5.x. Keys added in 4.0 are not accepted, because Spark 3.x silently ignores them; they are listed
 * apart in {@link NEWER_SPARK_KUBERNETES_KEY_FAMILIES} so messages can say so.
 *
 * `since` is the first release that has the key, as Spark's own `.version(...)` or the docs' "Since
 * Version" column says. All keys are accepted whatever the running version; `since` and `removedIn` only
 * document where a key takes effect.
 */

/** One exact configuration key. */
export interface SparkKubernetesKey {
  readonly key: string;
  /** First Spark release that reads the key. */
  readonly since: string;
  /** Marked `.internal()` in Config.scala: real, but not meant to be set by users. */
  readonly internal?: boolean;
  /** First releases without the key, when it was removed within the 3.3 to 3.5 range. */
  readonly removedIn?: string;
  /** Why the key is listed when its source is unusual. */
  readonly note?: string;
}

/**
 * A family of keys that ends in (or contains) a user-chosen part, written the way the docs write it.
 * Placeholders are `<...>`: `<type>` is one of {@link KUBERNETES_VOLUME_TYPES}, a placeholder at the end
 * takes the rest of the key (label keys such as `yunikorn.apache.org/app-id` contain dots), and any other
 * placeholder is exactly one dot-free segment (Spark splits volume keys on dots).
 */
export interface SparkKubernetesKeyFamily {
  readonly pattern: string;
  readonly since: string;
}

/** The spark versions these lists cover. */
export const SUPPORTED_SPARK_VERSIONS: readonly string[] = ['3.3', '3.4', '3.5'];

/** Volume types Spark can mount (Config.scala `KUBERNETES_VOLUMES_*_TYPE`; the docs list the same four). */
export const KUBERNETES_VOLUME_TYPES: readonly string[] = ['hostPath', 'emptyDir', 'nfs', 'persistentVolumeClaim'];

/** Credential suffixes Config.scala appends to each `spark.kubernetes.authenticate...` prefix. */
const CREDENTIAL_SUFFIXES = ['caCertFile', 'clientKeyFile', 'clientCertFile', 'oauthToken', 'oauthTokenFile'] as const;

/** The authentication keys the docs list for each prefix; `driver.mounted` has no `oauthToken` there. */
const AUTHENTICATION_KEYS: readonly SparkKubernetesKey[] = [
  ...CREDENTIAL_SUFFIXES.map(s => ({ key: `spark.kubernetes.authenticate.submission.${s}`, since: '2.3.0' })),
  ...CREDENTIAL_SUFFIXES.map(s => ({ key: `spark.kubernetes.authenticate.driver.${s}`, since: '2.3.0' })),
  ...CREDENTIAL_SUFFIXES.filter(s => s !== 'oauthToken').map(s => ({ key: `spark.kubernetes.authenticate.driver.mounted.${s}`, since: '2.3.0' })),
  // Client mode uses the bare prefix.
  ...CREDENTIAL_SUFFIXES.map(s => ({ key: `spark.kubernetes.authenticate.${s}`, since: '2.4.0' })),
  { key: 'spark.kubernetes.authenticate.driver.serviceAccountName', since: '2.3.0' },
  { key: 'spark.kubernetes.authenticate.executor.serviceAccountName', since: '3.1.0' },
  {
    key: 'spark.kubernetes.authenticate.serviceAccountName',
    since: '2.3.0',
    note: 'only named by the docs, as the client-mode form of spark.kubernetes.authenticate.driver.serviceAccountName',
  },
];

/** Every exact `spark.kubernetes.*` key of Spark 3.3 to 3.5. */
export const SPARK_KUBERNETES_KEYS: readonly SparkKubernetesKey[] = [
  ...AUTHENTICATION_KEYS,

  // Cluster and client connection.
  { key: 'spark.kubernetes.context', since: '3.0.0' },
  { key: 'spark.kubernetes.driver.master', since: '3.0.0' },
  { key: 'spark.kubernetes.namespace', since: '2.3.0' },
  { key: 'spark.kubernetes.trust.certificates', since: '3.2.0' },
  { key: 'spark.kubernetes.submission.requestTimeout', since: '3.0.0' },
  { key: 'spark.kubernetes.submission.connectionTimeout', since: '3.0.0' },
  { key: 'spark.kubernetes.submission.waitAppCompletion', since: '2.3.0' },
  { key: 'spark.kubernetes.driver.requestTimeout', since: '3.0.0' },
  { key: 'spark.kubernetes.driver.connectionTimeout', since: '3.0.0' },
  { key: 'spark.kubernetes.report.interval', since: '2.3.0' },
  { key: 'spark.kubernetes.appKillPodDeletionGracePeriod', since: '3.0.0' },
  { key: 'spark.kubernetes.file.upload.path', since: '3.0.0' },
  { key: 'spark.kubernetes.configMap.maxSize', since: '3.1.0' },

  // Images.
  { key: 'spark.kubernetes.container.image', since: '2.3.0' },
  { key: 'spark.kubernetes.driver.container.image', since: '2.3.0' },
  { key: 'spark.kubernetes.executor.container.image', since: '2.3.0' },
  { key: 'spark.kubernetes.container.image.pullPolicy', since: '2.3.0' },
  { key: 'spark.kubernetes.container.image.pullSecrets', since: '2.4.0' },

  // Driver pod and service.
  { key: 'spark.kubernetes.driver.pod.name', since: '2.3.0' },
  { key: 'spark.kubernetes.driver.limit.cores', since: '2.3.0' },
  { key: 'spark.kubernetes.driver.request.cores', since: '3.0.0' },
  { key: 'spark.kubernetes.driver.scheduler.name', since: '3.3.0' },
  { key: 'spark.kubernetes.driver.podTemplateFile', since: '3.0.0' },
  { key: 'spark.kubernetes.driver.podTemplateContainerName', since: '3.0.0' },
  { key: 'spark.kubernetes.driver.pod.featureSteps', since: '3.2.0' },
  { key: 'spark.kubernetes.driver.service.deleteOnTermination', since: '3.2.0' },
  { key: 'spark.kubernetes.driver.service.ipFamilyPolicy', since: '3.4.0' },
  { key: 'spark.kubernetes.driver.service.ipFamilies', since: '3.4.0' },
  { key: 'spark.kubernetes.driver.ownPersistentVolumeClaim', since: '3.2.0' },
  { key: 'spark.kubernetes.driver.reusePersistentVolumeClaim', since: '3.2.0' },
  { key: 'spark.kubernetes.driver.waitToReusePersistentVolumeClaim', since: '3.4.0' },

  // Executor pods.
  { key: 'spark.kubernetes.executor.podNamePrefix', since: '2.3.0' },
  { key: 'spark.kubernetes.executor.limit.cores', since: '2.3.0' },
  { key: 'spark.kubernetes.executor.request.cores', since: '2.4.0' },
  { key: 'spark.kubernetes.executor.scheduler.name', since: '3.0.0' },
  { key: 'spark.kubernetes.executor.podTemplateFile', since: '3.0.0' },
  { key: 'spark.kubernetes.executor.podTemplateContainerName', since: '3.0.0' },
  { key: 'spark.kubernetes.executor.pod.featureSteps', since: '3.2.0' },
  { key: 'spark.kubernetes.executor.disableConfigMap', since: '3.2.0' },
  { key: 'spark.kubernetes.executor.deleteOnTermination', since: '3.0.0' },
  { key: 'spark.kubernetes.executor.checkAllContainers', since: '3.1.0' },
  { key: 'spark.kubernetes.executor.missingPodDetectDelta', since: '3.1.1' },
  { key: 'spark.kubernetes.executor.apiPollingInterval', since: '2.4.0' },
  { key: 'spark.kubernetes.executor.enablePollingWithResourceVersion', since: '3.3.0' },
  { key: 'spark.kubernetes.executor.eventProcessingInterval', since: '2.4.0' },
  { key: 'spark.kubernetes.executor.decommissionLabel', since: '3.3.0' },
  { key: 'spark.kubernetes.executor.decommissionLabelValue', since: '3.3.0' },
  { key: 'spark.kubernetes.executor.rollInterval', since: '3.3.0' },
  { key: 'spark.kubernetes.executor.rollPolicy', since: '3.3.0' },
  { key: 'spark.kubernetes.executor.minTasksPerExecutorBeforeRolling', since: '3.3.0' },
  {
    key: 'spark.kubernetes.executor.lostCheck.maxAttempts',
    since: '2.3.0',
    removedIn: '3.3.3, 3.4.1, 3.5.0',
    note: 'unused since Spark 2.4; removed by SPARK-44158',
  },
  { key: 'spark.kubernetes.executorSnapshotsSubscribersShutdownGracePeriod', since: '3.4.0' },

  // Scheduling and allocation.
  { key: 'spark.kubernetes.scheduler.name', since: '3.3.0' },
  { key: 'spark.kubernetes.scheduler.volcano.podGroupTemplateFile', since: '3.3.0' },
  { key: 'spark.kubernetes.allocation.pods.allocator', since: '3.3.0' },
  { key: 'spark.kubernetes.allocation.batch.size', since: '2.3.0' },
  { key: 'spark.kubernetes.allocation.batch.delay', since: '2.3.0' },
  { key: 'spark.kubernetes.allocation.driver.readinessTimeout', since: '3.1.3' },
  { key: 'spark.kubernetes.allocation.executor.timeout', since: '3.1.0' },
  { key: 'spark.kubernetes.allocation.maxPendingPods', since: '3.2.0' },
  { key: 'spark.kubernetes.dynamicAllocation.deleteGracePeriod', since: '3.0.0' },
  { key: 'spark.kubernetes.decommission.script', since: '3.2.0' },

  // Memory, storage, Python and Kerberos.
  { key: 'spark.kubernetes.memoryOverheadFactor', since: '2.4.0' },
  { key: 'spark.kubernetes.local.dirs.tmpfs', since: '3.0.0' },
  { key: 'spark.kubernetes.pyspark.pythonVersion', since: '2.4.0', note: 'deprecated since 3.1; only "3" is accepted' },
  { key: 'spark.kubernetes.kerberos.krb5.path', since: '3.0.0' },
  { key: 'spark.kubernetes.kerberos.krb5.configMapName', since: '3.0.0' },
  { key: 'spark.kubernetes.kerberos.tokenSecret.name', since: '3.0.0' },
  { key: 'spark.kubernetes.kerberos.tokenSecret.itemKey', since: '3.0.0' },
  { key: 'spark.kubernetes.hadoop.configMapName', since: '3.0.0' },

  // Internal: Spark sets or tests these itself.
  { key: 'spark.kubernetes.submitInDriver', since: '2.4.0', internal: true },
  { key: 'spark.kubernetes.driver.resourceNamePrefix', since: '3.0.0', internal: true, note: 'for testing only' },
  { key: 'spark.kubernetes.resource.type', since: '2.4.1', internal: true },
  { key: 'spark.kubernetes.executor.enableApiPolling', since: '3.4.0', internal: true },
  { key: 'spark.kubernetes.executor.enableApiWatcher', since: '3.4.0', internal: true },
  {
    key: 'spark.kubernetes.legacy.useReadWriteOnceAccessMode',
    since: '3.4.3',
    internal: true,
    note: 'a patch-release backport: Config.scala marks it 3.4.3',
  },
];

/** Key families whose last part (or volume type and name) the user chooses. */
export const SPARK_KUBERNETES_KEY_FAMILIES: readonly SparkKubernetesKeyFamily[] = [
  { pattern: 'spark.kubernetes.driver.label.<name>', since: '2.3.0' },
  { pattern: 'spark.kubernetes.driver.annotation.<name>', since: '2.3.0' },
  { pattern: 'spark.kubernetes.driver.service.label.<name>', since: '3.4.0' },
  { pattern: 'spark.kubernetes.driver.service.annotation.<name>', since: '3.0.0' },
  { pattern: 'spark.kubernetes.driver.secrets.<secret>', since: '2.3.0' },
  { pattern: 'spark.kubernetes.driver.secretKeyRef.<env>', since: '2.4.0' },
  { pattern: 'spark.kubernetes.driver.node.selector.<labelKey>', since: '3.3.0' },
  { pattern: 'spark.kubernetes.driverEnv.<name>', since: '2.3.0' },
  { pattern: 'spark.kubernetes.executor.label.<name>', since: '2.3.0' },
  { pattern: 'spark.kubernetes.executor.annotation.<name>', since: '2.3.0' },
  { pattern: 'spark.kubernetes.executor.secrets.<secret>', since: '2.3.0' },
  { pattern: 'spark.kubernetes.executor.secretKeyRef.<env>', since: '2.4.0' },
  { pattern: 'spark.kubernetes.executor.node.selector.<labelKey>', since: '3.3.0' },
  { pattern: 'spark.kubernetes.node.selector.<labelKey>', since: '2.3.0' },
  ...(['driver', 'executor'] as const).flatMap(role => [
    { pattern: `spark.kubernetes.${role}.volumes.<type>.<name>.mount.path`, since: '2.4.0' },
    { pattern: `spark.kubernetes.${role}.volumes.<type>.<name>.mount.subPath`, since: '3.0.0' },
    { pattern: `spark.kubernetes.${role}.volumes.<type>.<name>.mount.readOnly`, since: '2.4.0' },
    { pattern: `spark.kubernetes.${role}.volumes.<type>.<name>.options.<option>`, since: '2.4.0' },
  ]),
];

/**
 * Keys only Spark 4.0 and later read, so a spec copied from newer docs gets a precise message instead of
 * a did-you-mean. Sources: the 4.0 development docs above (`jars.avoidDownloadSchemes`, volume `label.` and
 * `annotation.`, all "Since 4.0.0") and apache/spark#48181 (SPARK-49731, `mount.subPathExpr`), merged to
 * master in September 2024 while it was 4.0.0. (Its hostPath `options.type` is inside the
 * `options.<option>` family, which 3.x accepts and ignores for unknown options.)
 */
export const NEWER_SPARK_KUBERNETES_KEY_FAMILIES: readonly SparkKubernetesKeyFamily[] = [
  { pattern: 'spark.kubernetes.jars.avoidDownloadSchemes', since: '4.0.0' },
  ...(['driver', 'executor'] as const).flatMap(role => [
    { pattern: `spark.kubernetes.${role}.volumes.<type>.<name>.mount.subPathExpr`, since: '4.0.0' },
    { pattern: `spark.kubernetes.${role}.volumes.<type>.<name>.label.<label>`, since: '4.0.0' },
    { pattern: `spark.kubernetes.${role}.volumes.<type>.<name>.annotation.<annotation>`, since: '4.0.0' },
  ]),
];
