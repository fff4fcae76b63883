import { Construct } from 'constructs';
import { loadPlatformFile } from '../spec/loader';
import { Platform } from '../spec/platform';
import { ArgoCdApplications } from './argo-cd';
import { ProxyNamespace } from './proxy-namespace';
import { TenantNamespace } from './tenant-namespace';

export interface SparkPlatformProps {
  /** A loaded platform: `loadPlatformFile('platform.yaml')`, or `resolvePlatform(object, { baseDir })`. */
  readonly platform: Platform;
}

/**
 * A whole multi-tenant Spark platform: one chart for the proxy namespace and one per tenant
 * namespace, each synthesized to its own `<namespace>.k8s.yaml`; with `gitops.argocd`, one more for
 * the Argo CD objects that apply them.
 */
export class SparkPlatform extends Construct {
  /** Loads `specFile` (see `loadPlatformFile`) and builds the platform from it. */
  public static fromFile(scope: Construct, id: string, specFile: string): SparkPlatform {
    return new SparkPlatform(scope, id, { platform: loadPlatformFile(specFile) });
  }

  public readonly proxy: ProxyNamespace;
  public readonly tenants: readonly TenantNamespace[];

  constructor(scope: Construct, id: string, props: SparkPlatformProps) {
    super(scope, id);
    this.proxy = new ProxyNamespace(this, 'Proxy', props);
    this.tenants = props.platform.spec.tenants.map(tenant => new TenantNamespace(this, `Tenant-${tenant.namespace}`, { platform: props.platform, tenant }));
    if (props.platform.spec.gitops?.argocd) new ArgoCdApplications(this, 'ArgoCd', { spec: props.platform.spec, applied: [this.proxy, ...this.tenants] });
  }
}
