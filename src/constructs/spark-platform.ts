import { Construct } from 'constructs';
import { loadPlatformFile, resolvePlatform } from '../platform-spec/loader';
import { Platform } from '../platform-spec/platform';
import { TenantSpec } from '../platform-spec/types';
import { ArgoCdApplications } from './argo-cd';
import { ProxyNamespace } from './proxy-namespace';
import { TenantNamespace } from './tenant-namespace';

export interface SparkPlatformProps {
  /**
   * A loaded platform: `loadPlatformFile('platform.yaml')`, or `resolvePlatform(spec, { baseDir })`
   * for one written in code. Each of its `spec.tenants` is added with `addTenant`; more can be added
   * after construction.
   */
  readonly platform: Platform;
}

/**
 * A whole multi-tenant Spark platform: one chart for the proxy namespace and one per tenant
 * namespace, each synthesized to its own `<namespace>.k8s.yaml`; with `gitops.argocd`, one more for
 * the Argo CD objects that apply them.
 *
 * ```ts
 * const platform = new SparkPlatform(app, 'platform', { platform: resolvePlatform(spec, { baseDir: __dirname }) });
 * const teamA = platform.addTenant({ namespace: 'team-a' });
 * ```
 */
export class SparkPlatform extends Construct {
  /** Loads `specFile` (see `loadPlatformFile`) and builds the platform from it. */
  public static fromFile(scope: Construct, id: string, specFile: string): SparkPlatform {
    return new SparkPlatform(scope, id, { platform: loadPlatformFile(specFile) });
  }

  /**
   * The platform the charts are built from: the one given, with `spec.tenants` listing every tenant
   * added so far (Argo CD reads that list when the manifests are rendered).
   */
  public readonly platform: Platform;
  /** The proxy namespace's chart. */
  public readonly proxy: ProxyNamespace;
  /** The chart of Argo CD's objects, with `gitops.argocd` in the spec. @default - none */
  public readonly argoCd?: ArgoCdApplications;
  private readonly tenantSpecs: TenantSpec[];
  private readonly tenantCharts: TenantNamespace[] = [];

  constructor(scope: Construct, id: string, props: SparkPlatformProps) {
    super(scope, id);
    this.tenantSpecs = [];
    this.platform = { ...props.platform, spec: { ...props.platform.spec, tenants: this.tenantSpecs } };
    this.proxy = new ProxyNamespace(this, 'Proxy', { platform: this.platform });
    if (this.platform.spec.gitops?.argocd) this.argoCd = new ArgoCdApplications(this, 'ArgoCd', { spec: this.platform.spec, applied: [this.proxy] });
    for (const tenant of props.platform.spec.tenants) this.placeTenant(tenant);
  }

  /** The tenant charts, in the order they were added. */
  public get tenants(): readonly TenantNamespace[] {
    return this.tenantCharts;
  }

  /**
   * Adds a tenant: its namespace's chart (its launch configuration included: the proxy reads it
   * there at launch, so the proxy namespace does not change) and with Argo CD, its Application. The tenant gets the same checks as one in `platform.yaml` (against
   * this platform's settings, Argo CD's namespace included) and throws `SpecError` on a problem, or
   * an Error when the namespace is the proxy's or another tenant's. Returns the chart.
   */
  public addTenant(tenant: TenantSpec): TenantNamespace {
    const { spec, baseDir } = this.platform;
    if (tenant.namespace === spec.proxy.namespace || this.tenantSpecs.some(t => t.namespace === tenant.namespace)) {
      throw new Error(`addTenant: namespace ${tenant.namespace} is already the proxy's or another tenant's; each namespace belongs to one chart`);
    }
    // One tenant at a time, so a thousand addTenant calls cost a thousand checks, not a million.
    const checked = resolvePlatform({ ...spec, tenants: [tenant] }, { baseDir }).spec.tenants[0];
    return this.placeTenant(checked);
  }

  private placeTenant(tenant: TenantSpec): TenantNamespace {
    this.tenantSpecs.push(tenant);
    const chart = new TenantNamespace(this, `Tenant-${tenant.namespace}`, { platform: this.platform, tenant });
    this.argoCd?.addNamespace(chart);
    this.tenantCharts.push(chart);
    return chart;
  }
}
