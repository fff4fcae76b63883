import { PlatformSpec, TenantSpec } from '../platform-spec/types';
import { MIN_OVERHEAD_MIB, quantityValue } from './driver-resources';

/**
 * What one executor pod of a tenant asks Kubernetes for, as Spark's BasicExecutorFeatureStep builds
 * it from the tenant's properties (the platform's, the tenant's on top):
 *
 * - memory (request = limit): `spark.executor.memory` (1g by default, MiB without a unit) plus
 *   `spark.executor.memoryOverhead`, or max(384 MiB, `spark.executor.memoryOverheadFactor` (0.1) × memory);
 * - cpu request: `spark.kubernetes.executor.request.cores`, else `spark.executor.cores` (1);
 * - cpu limit: `spark.kubernetes.executor.limit.cores`, else none (a LimitRange default applies).
 *
 * Off-heap and PySpark memory are not added: the platform sets neither.
 */
export interface ExecutorSize {
  /** How many executors an engine starts: `spark.executor.instances`, 2 by default. */
  readonly instances: number;
  readonly heapMiB: number;
  readonly overheadMiB: number;
  /** heap + overhead: the container's memory request and limit. */
  readonly memoryMiB: number;
  /** The cpu request, in millicores. */
  readonly cpuRequestMillis: number;
  /** The cpu limit in millicores, when Spark sets one. */
  readonly cpuLimitMillis?: number;
}

/** Spark's defaults (spark.executor.instances on Kubernetes, spark.executor.memory, spark.executor.cores). */
const DEFAULT_INSTANCES = 2;
const DEFAULT_HEAP = '1g';
const DEFAULT_OVERHEAD_FACTOR = 0.1;

/** The tenant's Spark properties as the engine reads them (the package's own keys are not about executor size). */
export function tenantSparkProperties(spec: PlatformSpec, tenant: TenantSpec): Record<string, string> {
  return { ...spec.spark?.properties, ...tenant.spark?.properties };
}

/** The executor pods' size, or undefined when a property is not a number Spark would read. */
export function executorSize(properties: Readonly<Record<string, string>>): ExecutorSize | undefined {
  const instances = Number(properties['spark.executor.instances'] ?? DEFAULT_INSTANCES);
  const heapMiB = sparkMiB(properties['spark.executor.memory'] ?? DEFAULT_HEAP);
  const explicitOverhead = properties['spark.executor.memoryOverhead'];
  const factor = Number(properties['spark.executor.memoryOverheadFactor'] ?? DEFAULT_OVERHEAD_FACTOR);
  const cpuRequest = cores(properties['spark.kubernetes.executor.request.cores'] ?? properties['spark.executor.cores'] ?? '1');
  const limit = properties['spark.kubernetes.executor.limit.cores'];
  const cpuLimit = limit === undefined ? undefined : cores(limit);
  if (!Number.isInteger(instances) || instances < 0 || heapMiB === undefined || !Number.isFinite(factor) || cpuRequest === undefined) return undefined;
  const overheadMiB = explicitOverhead !== undefined ? sparkMiB(explicitOverhead) : Math.max(MIN_OVERHEAD_MIB, Math.floor(factor * heapMiB));
  if (overheadMiB === undefined || (limit !== undefined && cpuLimit === undefined)) return undefined;
  return {
    instances,
    heapMiB,
    overheadMiB,
    memoryMiB: heapMiB + overheadMiB,
    cpuRequestMillis: cpuRequest,
    ...(cpuLimit !== undefined ? { cpuLimitMillis: cpuLimit } : {}),
  };
}

const SPARK_UNITS: Record<string, number> = {
  k: 1 / 1024,
  kb: 1 / 1024,
  m: 1,
  mb: 1,
  g: 1024,
  gb: 1024,
  t: 1024 ** 2,
  tb: 1024 ** 2,
  p: 1024 ** 3,
  pb: 1024 ** 3,
};

/** A Spark memory string (JavaUtils.byteStringAs, MiB when it has no unit) in whole MiB. */
export function sparkMiB(value: string): number | undefined {
  const match = /^([0-9]+)([a-z]*)$/.exec(value.trim().toLowerCase());
  if (!match) return undefined;
  const unit = match[2] === '' ? 1 : SPARK_UNITS[match[2]];
  return unit === undefined ? undefined : Math.floor(Number(match[1]) * unit);
}

/** Cores as Spark or Kubernetes write them ("2", "0.5", "500m") in millicores. */
function cores(value: string): number | undefined {
  const v = quantityValue(value.trim());
  return v === undefined ? undefined : Math.round(v * 1000);
}
