import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { tenantLimitRange } from '../pod/tenant-demand';
import { tenantQuota } from '../platform-spec/platform';
import { PlatformSpec, QuotaHardSpec, ResourceListSpec, TenantSpec } from '../platform-spec/types';

export interface TenantQuotaProps {
  /** The platform spec, whose `quota` applies unless the tenant overrides it. */
  readonly spec: PlatformSpec;
  /** The tenant; its `quota` replaces the platform's key by key. */
  readonly tenant: TenantSpec;
}

/**
 * The resource guardrails of one tenant namespace: a ResourceQuota over all its pods and Services
 * (the package's default forbids load balancers and node ports), and a LimitRange that gives
 * containers without requests or limits the defaults, and caps each container. When the quota
 * counts `limits.cpu`, the LimitRange's default cpu limit is what Spark's executors (which carry
 * none unless `spark.kubernetes.executor.limit.cores` is set) and the init containers get.
 * The loader has checked that the quota holds the tenant's engines and executors (src/platform-spec/checks/quotas.ts).
 */
export class TenantQuota extends Construct {
  public readonly resourceQuota: k8s.KubeResourceQuota;
  public readonly limitRange: k8s.KubeLimitRange;

  constructor(scope: Construct, id: string, props: TenantQuotaProps) {
    super(scope, id);
    const { spec, tenant } = props;
    const names = objectNames(spec);
    const { hard } = tenantQuota(spec, tenant);
    this.resourceQuota = new k8s.KubeResourceQuota(this, 'ResourceQuota', {
      metadata: { name: names.resourceQuota, namespace: tenant.namespace, labels: commonLabels(spec, 'quota') },
      spec: { hard: quantities(hard) },
    });
    const limits = tenantLimitRange(spec, tenant);
    this.limitRange = new k8s.KubeLimitRange(this, 'LimitRange', {
      metadata: { name: names.limitRange, namespace: tenant.namespace, labels: commonLabels(spec, 'quota') },
      spec: {
        limits: [
          {
            type: 'Container',
            ...(limits.default ? { default: quantities(limits.default) } : {}),
            ...(limits.defaultRequest ? { defaultRequest: quantities(limits.defaultRequest) } : {}),
            ...(limits.max ? { max: quantities(limits.max) } : {}),
          },
        ],
      },
    });
  }
}

/** A map of quantities, keys sorted (deterministic output). */
function quantities(list: ResourceListSpec | QuotaHardSpec): Record<string, k8s.Quantity> {
  return Object.fromEntries(
    Object.entries(list)
      .filter((e): e is [string, string] => e[1] !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, k8s.Quantity.fromString(v)]),
  );
}
