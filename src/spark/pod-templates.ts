import { createHash } from 'crypto';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { buildRolePod } from '../pod/role-pod';
import { perPlatform } from '../platform-spec/per-platform';
import { Platform, tenantTransport } from '../platform-spec/platform';
import { TenantSpec } from '../platform-spec/types';
import { parsePodTemplate } from './pod-template-roundtrip';
import { ManifestYamlWriter } from '../synth/yaml-writer';

/** Spark's default container names; the properties point `podTemplateContainerName` at them. */
export const DRIVER_CONTAINER = 'spark-kubernetes-driver';
export const EXECUTOR_CONTAINER = 'spark-kubernetes-executor';
export const DRIVER_TEMPLATE_FILE = 'driver-template.yaml';
export const EXECUTOR_TEMPLATE_FILE = 'executor-template.yaml';
export const SPARK_DEFAULTS_FILE = 'spark-defaults.conf';
/** The key of the Spark ConfigMap with the cluster-mode spark-defaults.conf the proxy launches an engine with. */
export const CLUSTER_SPARK_DEFAULTS_KEY = 'cluster-spark-defaults.conf';

/** Volume names Spark adds to the pods it builds; a template volume with one of them breaks the pod. */
export const SPARK_RESERVED_VOLUMES = [
  'spark-conf-volume-driver',
  'spark-conf-volume-exec',
  'pod-template-volume',
  'krb5-file',
  'hadoop-properties',
  'kerberos-keytab',
  'hadoop-secret',
];
const SPARK_LOCAL_DIR_VOLUME = /^spark-local-dir-\d+$/;

/** A rendered pod template file. */
export interface PodTemplate {
  readonly fileName: string;
  /** The YAML text Spark reads. */
  readonly text: string;
  readonly sha256: string;
}

/**
 * The driver and executor pod template files of one tenant. What Spark overwrites or rejects
 * (`metadata.namespace`, `restartPolicy`, `args`, image pull settings it owns) is left out.
 */
export function tenantPodTemplates(platform: Platform, tenant: TenantSpec): TenantTemplates {
  // Templates hold nothing tenant-specific beyond transport and host aliases (Spark sets the namespace),
  // so tenants that share those share one rendering: a thousand tenants cost a handful of renders.
  return rendered(platform, JSON.stringify([tenantTransport(platform, tenant), tenant.hostAliases ?? []]), () => renderTenantTemplates(platform, tenant));
}

export interface TenantTemplates {
  readonly driver: PodTemplate;
  readonly executor: PodTemplate;
}

const rendered = perPlatform<TenantTemplates>();

function renderTenantTemplates(platform: Platform, tenant: TenantSpec): TenantTemplates {
  const names = objectNames(platform.spec);
  const transport = tenantTransport(platform, tenant);
  const where = `of ${tenant.namespace}`;
  const driver = buildRolePod({
    platform,
    tenant,
    role: 'engine',
    transport,
    podDescription: `driver pod template ${where}`,
    serviceAccountName: names.engineServiceAccount,
    container: { name: DRIVER_CONTAINER },
  });
  const executor = buildRolePod({
    platform,
    tenant,
    role: 'executor',
    transport,
    podDescription: `executor pod template ${where}`,
    // Executors run user code: an account of their own with no bindings, and no token in the pod.
    serviceAccountName: names.executorServiceAccount,
    mountServiceAccountToken: false,
    legacyServiceAccountField: true,
    container: { name: EXECUTOR_CONTAINER, env: [{ name: platform.spec.roleEnv, value: 'true' }] },
  });
  return {
    driver: renderTemplate(DRIVER_TEMPLATE_FILE, platform, 'driver', driver.spec),
    executor: renderTemplate(EXECUTOR_TEMPLATE_FILE, platform, 'executor', executor.spec),
  };
}

function renderTemplate(fileName: string, platform: Platform, component: string, spec: k8s.PodSpec): PodTemplate {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels: commonLabels(platform.spec, component) },
    spec: k8s.toJson_PodSpec(spec),
  };
  assertNoReservedVolumes(fileName, pod.spec);
  // Written as every manifest is (YAML 1.1, what cdk8s's Yaml writes, with what 1.1 readers refuse
  // quoted): Spark's SnakeYAML reads 1.1, where a bare `no` or `on` is a boolean.
  const text = new ManifestYamlWriter().stringify(pod);
  // Fail synth if Spark's own client would read the template differently from what we meant.
  parsePodTemplate(fileName, text, pod);
  return { fileName, text, sha256: createHash('sha256').update(text).digest('hex') };
}

function assertNoReservedVolumes(fileName: string, spec: { volumes?: { name: string }[] } | undefined): void {
  for (const volume of spec?.volumes ?? []) {
    if (SPARK_RESERVED_VOLUMES.includes(volume.name) || SPARK_LOCAL_DIR_VOLUME.test(volume.name)) {
      throw new Error(`${fileName}: volume "${volume.name}" uses a name Spark adds to its pods itself; rename it`);
    }
  }
}
