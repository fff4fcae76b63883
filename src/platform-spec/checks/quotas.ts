import { quantityValue } from '../../spark/driver-resources';
import { formatPath } from '../errors';
import { engineResources } from '../platform';
import { COMPUTE_QUOTA_KEYS, ComputeQuotaKey, formatAmount, quotaAmount, tenantDemand, tenantLimitRange } from '../../pod/tenant-demand';
import type { LimitRangeSpec, PlatformSpec, ResourcesSpec, TenantSpec } from '../types';
import type { Segments, Report } from './report';

/* Quotas, limit ranges and resources: every tenant's engines and executors fit what the spec grants. */

/**
 * Each tenant's quota must hold what the platform itself starts there: its engines and the executors
 * `spark.executor.instances` asks for, sized as Spark sizes them (src/spark/executor-resources.ts).
 * Otherwise the quota admission refuses the platform's own pods. The LimitRange's values must agree
 * with each other, as the API server requires (default and default request at most max, default
 * request at most default).
 */
export function checkQuotas(spec: PlatformSpec, report: Report): void {
  const limitRangePath = (tenant: TenantSpec, i: number, list: keyof LimitRangeSpec, name: 'cpu' | 'memory'): Segments =>
    tenant.quota?.limitRange?.[list]?.[name] !== undefined
      ? ['tenants', i, 'quota', 'limitRange', list, name]
      : spec.quota?.limitRange?.[list]?.[name] !== undefined
        ? ['quota', 'limitRange', list, name]
        : ['tenants', i, 'namespace'];
  const seen = new Set<string>();
  spec.tenants.forEach((tenant, i) => {
    const limitRange = tenantLimitRange(spec, tenant);
    for (const name of ['cpu', 'memory'] as const) {
      const pairs: [keyof LimitRangeSpec, keyof LimitRangeSpec][] = [
        ['default', 'max'],
        ['defaultRequest', 'max'],
        ['defaultRequest', 'default'],
      ];
      for (const [low, high] of pairs) {
        const a = limitRange[low]?.[name];
        const b = limitRange[high]?.[name];
        if (a === undefined || b === undefined || quantityValue(a)! <= quantityValue(b)!) continue;
        const lowPath = limitRangePath(tenant, i, low, name);
        const where = lowPath[lowPath.length - 1] === 'namespace' ? limitRangePath(tenant, i, high, name) : lowPath;
        const fromPackage = lowPath[lowPath.length - 1] === 'namespace' ? " (the package's default)" : '';
        const id = `${formatPath(where)} ${high}`;
        if (seen.has(id)) continue;
        seen.add(id);
        report(
          where,
          `the LimitRange's ${low} ${name} ${a}${fromPackage} is above its ${high} ${b}${where[0] === 'quota' ? '' : ` (for ${tenant.namespace})`}; ` +
            `the API server refuses such a LimitRange, so lower ${low}.${name} or raise ${high}.${name}`,
        );
      }
    }
    const demand = tenantDemand(spec, tenant);
    for (const name of ['cpu', 'memory'] as const) {
      const max = limitRange.max?.[name];
      if (max === undefined) continue;
      const engine = engineResources(spec, tenant);
      const executor = demand.executor;
      const sizes: [string, string | undefined][] = [
        ["the engine container's request", engine.requests?.[name]],
        ["the engine container's limit", engine.limits?.[name]],
        ["each executor container's request", executor && (name === 'cpu' ? `${executor.cpuRequestMillis}m` : `${executor.memoryMiB}Mi`)],
        [
          "each executor container's limit",
          executor && (name === 'cpu' ? (executor.cpuLimitMillis !== undefined ? `${executor.cpuLimitMillis}m` : undefined) : `${executor.memoryMiB}Mi`),
        ],
      ];
      const above = sizes.find(([, v]) => v !== undefined && quantityValue(v)! > quantityValue(max)!);
      if (above) {
        report(
          limitRangePath(tenant, i, 'max', name),
          `${above[0]} ${name} ${above[1]} in ${tenant.namespace} is above the LimitRange's max ${name} ${max}; ` +
            `the API server's LimitRanger refuses such a pod, so raise max.${name} or make the ${above[0].includes('engine') ? 'engine' : 'executors'} smaller`,
        );
      }
    }
    const hard = { ...spec.quota?.hard, ...tenant.quota?.hard };
    for (const key of COMPUTE_QUOTA_KEYS) {
      const quota = quotaAmount(key, hard);
      const needed = demand.total[key];
      if (quota === undefined || needed === undefined || needed <= quota) continue;
      const own = tenant.quota?.hard?.[key] !== undefined;
      report(
        own ? ['tenants', i, 'quota', 'hard', key] : ['quota', 'hard', key],
        `the quota's ${key} ${hard[key]} cannot hold ${tenant.namespace}'s own pods, which need ${formatAmount(key, needed)}: ` +
          `${demandParts(key, demand)}; raise ${key} to at least ${formatAmount(key, needed)}${own ? '' : ` (in tenants[${i}].quota.hard for this tenant alone)`}, ` +
          'or lower spark.executor.instances or the sizes',
      );
    }
  });
}

/** "1 engine × 4Gi + 8 executors × 4505Mi (spark.executor.memory 4096Mi + overhead 409Mi)" for a message. */
function demandParts(key: ComputeQuotaKey, demand: ReturnType<typeof tenantDemand>): string {
  const engines = `${demand.engineReplicas} engine${demand.engineReplicas === 1 ? '' : 's'}`;
  const executors = demand.executor
    ? `${demand.executor.instances} executor${demand.executor.instances === 1 ? '' : 's'} (spark.executor.instances)`
    : '0 executors';
  if (key === 'pods') return `${engines} + ${executors}`;
  const perExecutor = demand.executorPod?.[key];
  const detail =
    key.endsWith('.memory') && demand.executor ? ` (spark.executor.memory ${demand.executor.heapMiB}Mi + overhead ${demand.executor.overheadMiB}Mi)` : '';
  return `${engines} × ${formatAmount(key, demand.engine[key]!)} + ${executors} × ${perExecutor === undefined ? '0' : formatAmount(key, perExecutor)}${detail}`;
}

/**
 * A request above its limit: the API server refuses such a pod, and offline validation would not
 * notice. `resources` is what the pod gets (a tenant's merged with the platform's); with `inherited`,
 * the values the entry at `where` does not set itself come from there (named in the message), and the
 * problem points at the value the entry does set.
 */
export function checkResources(resources: ResourcesSpec, where: Segments, report: Report, inherited?: { own: ResourcesSpec; from?: Segments }): void {
  for (const name of ['cpu', 'memory'] as const) {
    const request = resources.requests?.[name];
    const limit = resources.limits?.[name];
    if (request === undefined || limit === undefined || quantityValue(request)! <= quantityValue(limit)!) continue;
    const fromElsewhere = (list: 'requests' | 'limits') => inherited !== undefined && inherited.own[list]?.[name] === undefined;
    const origin = (list: 'requests' | 'limits') =>
      !fromElsewhere(list) ? '' : inherited!.from ? ` (from ${formatPath([...inherited!.from, list, name])})` : " (the package's default)";
    report(
      [...where, fromElsewhere('requests') ? 'limits' : 'requests', name],
      `the ${name} request ${request}${origin('requests')} ` +
        `is above its limit ${limit}${origin('limits')}; the API server refuses a pod whose request exceeds its limit, so lower the request or raise the limit`,
    );
  }
}
