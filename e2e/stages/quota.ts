import { objectNames } from '../../src/names';
import { quantityValue } from '../../src/spark/driver-resources';
import { Platform, tenantQuota } from '../../src/platform-spec/platform';
import { tenantLimitRange } from '../../src/pod/tenant-demand';
import { E2eContext } from '../lib/context';
import { ServiceAccountIdentity } from '../lib/identities';
import { HarnessError, sleep } from '../lib/processes';

const STATUS_WAIT_MS = 60_000;

interface QuotaJson {
  spec: { hard: Record<string, string> };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

/**
 * The tenant's ResourceQuota as the real API server and quota controller hold it: applied as
 * generated, and live (the controller has computed `status.hard` and `status.used`; until it has,
 * the quota admission refuses every pod with "status unknown for quota").
 */
async function liveQuota(ctx: E2eContext, namespace: string, name: string): Promise<QuotaJson | undefined> {
  const deadline = Date.now() + STATUS_WAIT_MS;
  while (Date.now() < deadline) {
    const quota = ctx.cluster.admin.getJson<QuotaJson>(['resourcequota', name, '-n', namespace]);
    const hard = quota.status?.hard ?? {};
    if (Object.keys(quota.spec.hard).every(k => hard[k] !== undefined) && quota.status?.used !== undefined) return quota;
    await sleep(500);
  }
  return undefined;
}

/**
 * (a) the API server holds each tenant's quota and LimitRange as the spec says, and the quota
 * controller keeps it; (b) as the engine's ServiceAccount (its own TokenRequest token), a pod just
 * larger than what is left of the quota's `requests.memory` is refused by the real ResourceQuota
 * admission ("exceeded quota"), while a small pod passes admission (server-side dry run).
 */
export async function checkQuotaAdmission(ctx: E2eContext, platform: Platform, tenant: string, engine: ServiceAccountIdentity): Promise<void> {
  const { spec } = platform;
  const names = objectNames(spec);
  const tenantSpec = spec.tenants.find(t => t.namespace === tenant);
  if (!tenantSpec) throw new HarnessError(`no tenant ${tenant} in the spec`);
  const { hard } = tenantQuota(spec, tenantSpec);
  const quota = await liveQuota(ctx, tenant, names.resourceQuota);
  const expectedHard = Object.fromEntries(
    Object.entries(hard)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  ctx.report.check(
    `ResourceQuota ${tenant}/${names.resourceQuota}: as generated, and live (the quota controller computed its status)`,
    quota !== undefined && sameQuantities(quota.spec.hard, expectedHard) && sameQuantities(quota.status!.hard!, expectedHard),
    quota
      ? `spec.hard ${JSON.stringify(quota.spec.hard)}, status.hard ${JSON.stringify(quota.status?.hard)}, expected ${JSON.stringify(expectedHard)}`
      : `no status.hard after ${STATUS_WAIT_MS / 1000} s`,
  );
  const limitRange = ctx.cluster.admin.getJson<{ spec: { limits: Record<string, unknown>[] } }>(['limitrange', names.limitRange, '-n', tenant]);
  const expectedLimits = tenantLimitRange(spec, tenantSpec);
  const item = limitRange.spec.limits[0] as Record<string, Record<string, string> | string>;
  const limitsOk =
    limitRange.spec.limits.length === 1 &&
    item.type === 'Container' &&
    (['default', 'defaultRequest', 'max'] as const).every(k =>
      sameQuantities((item[k] as Record<string, string>) ?? {}, (expectedLimits[k] ?? {}) as Record<string, string>),
    );
  ctx.report.check(`LimitRange ${tenant}/${names.limitRange}: as generated`, limitsOk, JSON.stringify(limitRange.spec.limits));
  if (!quota) return;

  const hardMemory = quota.status!.hard!['requests.memory'];
  if (hardMemory === undefined) {
    ctx.report.check(`${tenant}: the quota constrains requests.memory (needed for the over-quota pod)`, false, JSON.stringify(quota.status?.hard));
    return;
  }
  const left = quantityValue(hardMemory)! - quantityValue(quota.status!.used!['requests.memory'] ?? '0')!;
  const wantedMiB = Math.ceil(left / 2 ** 20) + 64;
  // Each container within the LimitRange's max, so that LimitRanger lets the pod through to the quota.
  const maxMiB = expectedLimits.max?.memory !== undefined ? Math.floor(quantityValue(expectedLimits.max.memory)! / 2 ** 20) : wantedMiB;
  const containers = Math.ceil(wantedMiB / maxMiB);
  const perContainer = Math.ceil(wantedMiB / containers);
  const big = restrictedPod(`quota-probe-big`, tenant, platform.spec.image, containers, `${perContainer}Mi`);
  const refused = engine.kubectl.run(['create', '-f', '-', '-o', 'name'], JSON.stringify(big));
  ctx.report.check(
    `${tenant}: as ${engine.namespace}/${engine.name}, a pod of ${containers * perContainer}Mi (${Math.ceil(left / 2 ** 20)}Mi of requests.memory left) is refused by the ResourceQuota admission`,
    refused.status !== 0 && /exceeded quota/.test(refused.stderr),
    refused.status === 0 ? `the API server created it: ${refused.stdout.trim()}` : refused.stderr.trim(),
  );
  if (refused.status !== 0) console.log(`    the API server: ${refused.stderr.trim()}`);
  const small = restrictedPod('quota-probe-small', tenant, platform.spec.image, 1, '64Mi');
  const admitted = engine.kubectl.run(['create', '--dry-run=server', '-f', '-', '-o', 'name'], JSON.stringify(small));
  ctx.report.check(
    `${tenant}: as ${engine.namespace}/${engine.name}, a 64Mi pod passes every admission (server-side dry run)`,
    admitted.status === 0,
    admitted.stderr.trim(),
  );
}

/**
 * (c) After Spark ran: every client-mode engine got all `spark.executor.instances` executor pods
 * from the real quota admission (with the engine's own token), and the quota never went above hard.
 */
export function checkExecutorsFit(ctx: E2eContext, platform: Platform, tenant: string, executorPods: number, instances: number): void {
  const names = objectNames(platform.spec);
  ctx.report.check(
    `${tenant}: the quota admitted all ${instances} executor pods of spark.executor.instances (${executorPods} in the namespace)`,
    executorPods >= instances,
    `Spark created ${executorPods} executor pods, the spec asks for ${instances}`,
  );
  const quota = ctx.cluster.admin.getJson<QuotaJson>(['resourcequota', names.resourceQuota, '-n', tenant]);
  const over = Object.entries(quota.status?.used ?? {}).filter(
    ([k, v]) => quota.status?.hard?.[k] !== undefined && quantityValue(v)! > quantityValue(quota.status!.hard![k])!,
  );
  ctx.report.check(
    `${tenant}: quota usage within hard (${['requests.cpu', 'requests.memory', 'pods'].map(k => `${k} ${quota.status?.used?.[k]}/${quota.status?.hard?.[k]}`).join(', ')})`,
    over.length === 0,
    over.map(([k, v]) => `${k} used ${v} > hard ${quota.status!.hard![k]}`).join('; '),
  );
}

function sameQuantities(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every(k => a[k] !== undefined && b[k] !== undefined && quantityValue(a[k]) === quantityValue(b[k]));
}

/** A pod that Pod Security `restricted` admits, with `containers` containers of `memory` each (request = limit). */
function restrictedPod(name: string, namespace: string, image: string, containers: number, memory: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, runAsUser: 185, seccompProfile: { type: 'RuntimeDefault' } },
      containers: Array.from({ length: containers }, (_, i) => ({
        name: `probe-${i}`,
        image,
        resources: { requests: { cpu: '10m', memory }, limits: { memory } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      })),
    },
  };
}
