import { Construct } from 'constructs';
import { Platform, platformTransport } from '../platform-spec/platform';
import { proxyCarriedFiles } from '../spark/launch-fragments';
import { Role } from '../platform-spec/types';
import { NamespaceChart } from './namespace-chart';
import { NamespaceConfig, requiredSecretAnnotation } from './namespace-config';
import { SparkProxy } from './proxy';

const PROXY_ROLES: readonly Role[] = ['proxy'];

export interface ProxyNamespaceProps {
  /** The loaded platform. No tenant shapes the proxy namespace: each keeps its launch configuration in its own namespace. */
  readonly platform: Platform;
}

/**
 * The proxy namespace: the proxy and its files, the same for any set of tenants (each tenant's launch
 * configuration lives in the tenant's own namespace).
 */
export class ProxyNamespace extends NamespaceChart {
  /** The proxy's copies of the spec's files. */
  public readonly config: NamespaceConfig;
  /** The proxy itself. */
  public readonly proxy: SparkProxy;

  constructor(scope: Construct, id: string, props: ProxyNamespaceProps) {
    const { platform } = props;
    const { spec } = platform;
    const namespace = spec.proxy.namespace;
    super(scope, id, { spec, namespace, role: 'proxy', annotations: requiredSecretAnnotation(platform, PROXY_ROLES) });
    this.config = new NamespaceConfig(this, 'Config', {
      platform,
      namespace,
      roles: PROXY_ROLES,
      transport: platformTransport(platform),
      carriedKeys: proxyCarriedFiles(platform).map(f => f.key),
    });
    this.proxy = new SparkProxy(this, 'Proxy', { platform });
  }
}
