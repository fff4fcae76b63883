import { Construct } from 'constructs';
import { Platform } from '../spec/platform';
import { Role } from '../spec/types';
import { NamespaceChart } from './namespace-chart';
import { NamespaceConfig, requiredSecretAnnotation } from './namespace-config';
import { Proxy } from './proxy';

const PROXY_ROLES: readonly Role[] = ['proxy'];

export interface ProxyNamespaceProps {
  readonly platform: Platform;
}

/**
 * The proxy namespace: the proxy and its files, the same for any set of tenants (each tenant's launch
 * configuration lives in the tenant's own namespace).
 */
export class ProxyNamespace extends NamespaceChart {
  constructor(scope: Construct, id: string, props: ProxyNamespaceProps) {
    const { platform } = props;
    const { spec } = platform;
    const namespace = spec.proxy.namespace;
    super(scope, id, { spec, namespace, role: 'proxy', annotations: requiredSecretAnnotation(platform, PROXY_ROLES) });
    new NamespaceConfig(this, 'Config', { platform, namespace, roles: PROXY_ROLES });
    new Proxy(this, 'Proxy', { platform });
  }
}
