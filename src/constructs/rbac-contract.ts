/**
 * What each ServiceAccount of the platform may and may not do, as rows the real-cluster suite asks
 * the API server about. The Roles the package generates must give exactly this.
 */
export interface RbacExpectation {
  readonly serviceAccount: 'proxy' | 'engine' | 'executor';
  readonly verb: string;
  readonly resource: string;
  /** `tenant`: the engine's own tenant namespace; `otherTenant`: another tenant's; `outside`: not the platform's. */
  readonly namespace: 'tenant' | 'otherTenant' | 'proxy' | 'outside';
  readonly expected: boolean;
  readonly why: string;
}

export const RBAC_CONTRACT: readonly RbacExpectation[] = [
  { serviceAccount: 'proxy', verb: 'create', resource: 'pods', namespace: 'tenant', expected: true, why: 'spark-submit creates the driver pod' },
  { serviceAccount: 'proxy', verb: 'create', resource: 'secrets', namespace: 'tenant', expected: false, why: 'the keytab is delivered, never uploaded' },
  { serviceAccount: 'proxy', verb: 'get', resource: 'secrets', namespace: 'tenant', expected: false, why: 'the proxy never reads tenant secrets' },
  { serviceAccount: 'proxy', verb: 'create', resource: 'pods', namespace: 'proxy', expected: false, why: 'engines run in tenant namespaces only' },
  { serviceAccount: 'proxy', verb: 'create', resource: 'pods', namespace: 'outside', expected: false, why: 'not a tenant namespace' },
  { serviceAccount: 'engine', verb: 'create', resource: 'pods', namespace: 'tenant', expected: true, why: 'the driver creates executor pods' },
  { serviceAccount: 'engine', verb: 'create', resource: 'pods', namespace: 'otherTenant', expected: false, why: 'an engine stays in its namespace' },
  { serviceAccount: 'engine', verb: 'get', resource: 'secrets', namespace: 'tenant', expected: false, why: 'Spark reads no secret through the API' },
  { serviceAccount: 'executor', verb: 'get', resource: 'pods', namespace: 'tenant', expected: false, why: 'executors run user code and get no API rights' },
];
