import { PlatformSpec } from './platform-spec/types';

/**
 * Every object name the package emits, in one place: names are explicit (never cdk8s path hashes),
 * so they stay stable when constructs move, and other code refers to them through here.
 */
export function objectNames(spec: Pick<PlatformSpec, 'name' | 'secrets'>) {
  const p = spec.name;
  return {
    engineServiceAccount: `${p}-engine`,
    /** Executors' own ServiceAccount: no bindings, no token, so user code gets no API rights. */
    executorServiceAccount: `${p}-executor`,
    driverRole: `${p}-spark-driver`,
    /** What cluster-mode spark-submit needs in a tenant namespace; bound to the proxy's ServiceAccount. */
    submitterRole: `${p}-spark-submitter`,
    engineRoleBinding: `${p}-engine`,
    proxyLauncherRoleBinding: `${p}-proxy-launcher`,
    proxyServiceAccount: `${p}-proxy`,
    proxyDeployment: `${p}-proxy`,
    filesConfigMap: `${p}-files`,
    sparkConfigMap: `${p}-spark`,
    secret: spec.secrets?.name ?? `${p}-secrets`,
    engineDeployment: `${p}-engine`,
    engineService: `${p}-engine`,
    engineHeadlessService: `${p}-engine-driver`,
    /** Each tenant namespace's ResourceQuota (issue 14). */
    resourceQuota: `${p}-quota`,
    /** Each tenant namespace's LimitRange: container defaults and maximum. */
    limitRange: `${p}-limits`,
    /** NetworkPolicies of each tenant namespace (issue 14). */
    defaultDenyIngressPolicy: `${p}-default-deny-ingress`,
    engineIngressPolicy: `${p}-engine-ingress`,
    executorIngressPolicy: `${p}-executor-ingress`,
    /** Only with `network.egress`: where tenant pods may connect. */
    egressPolicy: `${p}-egress`,
    /** The Argo CD AppProject of the platform's Applications, in Argo CD's namespace. */
    argoCdProject: p,
  };
}

export type ObjectNames = ReturnType<typeof objectNames>;

/** Labels shared by everything the package emits. */
export function commonLabels(spec: Pick<PlatformSpec, 'name'>, component: string): Record<string, string> {
  return {
    [PLATFORM_LABEL]: spec.name,
    [COMPONENT_LABEL]: component,
    'app.kubernetes.io/managed-by': 'spark-tenancy',
  };
}

/** The label key NetworkPolicies tell pods apart by; every generated pod and both pod templates carry it ({@link commonLabels}). */
export const COMPONENT_LABEL = 'app.kubernetes.io/component';
/** The label key that ties a pod to its platform. */
export const PLATFORM_LABEL = 'app.kubernetes.io/name';
/** The label Kubernetes itself sets on every Namespace (immutable), so a tenant's labels cannot take a namespace out of a policy. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * A label selector for the platform's pods of the given components (`engine`, `driver`, `executor`,
 * `proxy`), built from the same keys as {@link commonLabels}: the one place policies select on.
 */
export function podSelector(spec: Pick<PlatformSpec, 'name'>, components: readonly string[]) {
  return {
    matchLabels: { [PLATFORM_LABEL]: spec.name },
    matchExpressions: [{ key: COMPONENT_LABEL, operator: 'In', values: [...components] }],
  };
}
