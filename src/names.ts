import { PlatformSpec } from './spec/types';

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
    /** The Argo CD AppProject of the platform's Applications, in Argo CD's namespace. */
    argoCdProject: p,
    /** Per-tenant Spark ConfigMap in the proxy namespace. */
    tenantSparkConfigMap: (tenant: string) => `${p}-spark-${tenant}`,
  };
}

export type ObjectNames = ReturnType<typeof objectNames>;

/** Labels shared by everything the package emits. */
export function commonLabels(spec: Pick<PlatformSpec, 'name'>, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': spec.name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'spark-tenancy',
  };
}
