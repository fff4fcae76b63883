import { quantityValue } from '../spark/driver-resources';
import { executorSize, ExecutorSize, tenantSparkProperties } from '../spark/executor-resources';
import { DEFAULTS, tenantEngine, tenantQuota } from '../platform-spec/platform';
import { CONFIG_SYNC_RESOURCES } from '../sync/config-sync';
import { LimitRangeSpec, PlatformSpec, QuotaHardSpec, ResourceListSpec, ResourcesSpec, TenantSpec } from '../platform-spec/types';

/** The quota keys that count pods' cpu, memory and number. */
export const COMPUTE_QUOTA_KEYS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'pods'] as const;
export type ComputeQuotaKey = (typeof COMPUTE_QUOTA_KEYS)[number];

/** One pod's charge against a quota: cpu in millicores, memory in bytes; undefined where a container has no value. */
export type PodCharge = Record<Exclude<ComputeQuotaKey, 'pods'>, number | undefined>;

/** What a tenant's engines and executors take from its quota, with the parts for messages. */
export interface TenantDemand {
  readonly engineReplicas: number;
  readonly engine: PodCharge;
  readonly executor?: ExecutorSize;
  readonly executorPod?: PodCharge;
  /** Sum over the engines and `instances` executors, per key. */
  readonly total: Record<ComputeQuotaKey, number | undefined>;
}

/**
 * The cpu limit that the tenant's LimitRange gives containers without one: the spec's, or, when the
 * quota constrains `limits.cpu` (which refuses a pod with a container without a cpu limit), the
 * largest cpu request of the tenant's engine and executors, so none of them is throttled below it.
 */
export function defaultCpuLimit(spec: PlatformSpec, tenant: TenantSpec): string | undefined {
  const { hard, limitRange } = tenantQuota(spec, tenant);
  if (limitRange.default?.cpu !== undefined) return limitRange.default.cpu;
  if (hard['limits.cpu'] === undefined) return undefined;
  const engine: ResourcesSpec = tenantEngine(spec, tenant).resources ?? DEFAULTS.resources;
  const engineCpu = millis(engine.requests?.cpu ?? engine.limits?.cpu ?? limitRange.defaultRequest?.cpu) ?? 0;
  const executorCpu = executorSize(tenantSparkProperties(spec, tenant))?.cpuRequestMillis ?? 0;
  return formatMillicores(Math.max(engineCpu, executorCpu, 1000));
}

/** The tenant's LimitRange as generated: the spec's values plus {@link defaultCpuLimit}. */
export function tenantLimitRange(spec: PlatformSpec, tenant: TenantSpec): LimitRangeSpec {
  const { limitRange } = tenantQuota(spec, tenant);
  const cpu = defaultCpuLimit(spec, tenant);
  if (cpu === undefined || limitRange.default?.cpu !== undefined) return limitRange;
  return { ...limitRange, default: { ...limitRange.default, cpu } };
}

/** What the tenant's engines and its executors take, after the LimitRange has filled in what the containers leave out. */
export function tenantDemand(spec: PlatformSpec, tenant: TenantSpec): TenantDemand {
  const limitRange = tenantLimitRange(spec, tenant);
  const engineSpec = tenantEngine(spec, tenant);
  const engineReplicas = engineSpec.replicas ?? DEFAULTS.replicas;
  const init = container(CONFIG_SYNC_RESOURCES, limitRange);
  const engine = pod([container(engineSpec.resources ?? DEFAULTS.resources, limitRange)], [init]);
  const executor = executorSize(tenantSparkProperties(spec, tenant));
  const executorPod =
    executor &&
    pod(
      [
        container(
          {
            requests: { cpu: `${executor.cpuRequestMillis}m`, memory: `${executor.memoryMiB}Mi` },
            limits: { memory: `${executor.memoryMiB}Mi`, ...(executor.cpuLimitMillis !== undefined ? { cpu: `${executor.cpuLimitMillis}m` } : {}) },
          },
          limitRange,
        ),
      ],
      [init],
    );
  const instances = executor?.instances ?? 0;
  const sum = (key: Exclude<ComputeQuotaKey, 'pods'>) => {
    const e = engine[key];
    const x = executorPod?.[key];
    if (e === undefined || (instances > 0 && x === undefined)) return undefined;
    return engineReplicas * e + instances * (x ?? 0);
  };
  return {
    engineReplicas,
    engine,
    executor,
    executorPod,
    total: {
      'requests.cpu': sum('requests.cpu'),
      'requests.memory': sum('requests.memory'),
      'limits.cpu': sum('limits.cpu'),
      'limits.memory': sum('limits.memory'),
      pods: engineReplicas + instances,
    },
  };
}

/** A quota value in the unit of {@link PodCharge} (pods as a count). */
export function quotaAmount(key: ComputeQuotaKey, hard: QuotaHardSpec): number | undefined {
  const value = hard[key];
  if (value === undefined) return undefined;
  const v = quantityValue(value);
  if (v === undefined) return undefined;
  return key.endsWith('.cpu') ? Math.round(v * 1000) : v;
}

/** An amount of {@link PodCharge} as a person reads it: 4500m → "4.5", bytes → "11058Mi". */
export function formatAmount(key: ComputeQuotaKey, amount: number): string {
  if (key === 'pods') return String(amount);
  if (key.endsWith('.cpu')) return formatMillicores(amount);
  const mib = amount / 2 ** 20;
  return Number.isInteger(mib) ? (mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`) : `${amount}`;
}

function formatMillicores(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

function millis(q: string | undefined): number | undefined {
  const v = q === undefined ? undefined : quantityValue(q);
  return v === undefined ? undefined : Math.round(v * 1000);
}

function bytes(q: string | undefined): number | undefined {
  return q === undefined ? undefined : quantityValue(q);
}

interface ContainerCharge {
  cpuRequest?: number;
  memoryRequest?: number;
  cpuLimit?: number;
  memoryLimit?: number;
}

/** A container's values after API defaulting (a missing request is its limit) and the LimitRanger's defaults. */
function container(resources: { requests?: ResourceListSpec; limits?: ResourceListSpec }, limitRange: LimitRangeSpec): ContainerCharge {
  const cpuLimit = millis(resources.limits?.cpu ?? limitRange.default?.cpu);
  const memoryLimit = bytes(resources.limits?.memory ?? limitRange.default?.memory);
  return {
    cpuRequest: millis(resources.requests?.cpu ?? resources.limits?.cpu) ?? millis(limitRange.defaultRequest?.cpu) ?? cpuLimit,
    memoryRequest: bytes(resources.requests?.memory ?? resources.limits?.memory) ?? bytes(limitRange.defaultRequest?.memory) ?? memoryLimit,
    cpuLimit,
    memoryLimit,
  };
}

/** A pod's charge as ResourceQuota counts it: the larger of the sum of its containers and its largest init container. */
function pod(containers: ContainerCharge[], inits: ContainerCharge[]): PodCharge {
  const field = (f: keyof ContainerCharge): number | undefined => {
    const all = [...containers, ...inits].map(c => c[f]);
    if (all.some(v => v === undefined)) return undefined;
    const sum = containers.reduce((s, c) => s + c[f]!, 0);
    return Math.max(sum, ...inits.map(c => c[f]!));
  };
  return {
    'requests.cpu': field('cpuRequest'),
    'requests.memory': field('memoryRequest'),
    'limits.cpu': field('cpuLimit'),
    'limits.memory': field('memoryLimit'),
  };
}
