import { Delivery, EngineSpec, LimitRangeSpec, PlatformSpec, QuotaHardSpec, RemoteRefSpec, ResourcesSpec, Role, TenantSpec, Transport } from './types';

/** Where a value came from in the spec, so that later stages can still point at file, line and field. */
export interface SpecOrigin {
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly path: string;
}

/** A `files` entry after loading: defaults applied, content read and hashed once for every namespace. */
export interface PlatformFile {
  /** Position in `files`, used in messages. */
  readonly index: number;
  readonly name: string;
  readonly mountPath: string;
  readonly roles: readonly Role[];
  readonly secret: boolean;
  /** Numeric mode, e.g. 0o444. */
  readonly mode: number;
  readonly key: string;
  readonly preserveImageContent: boolean;
  /** The main container may write into the file's directory. */
  readonly writable: boolean;
  /** Format the init container checks for a secret file: `keytab` (by `format:`, or a name ending in `.keytab`). */
  readonly format?: 'keytab';
  readonly remoteRef?: RemoteRefSpec;
  /** The bytes; absent for a secret file that only the cluster holds. */
  readonly content?: Buffer;
  /** sha256 of `content`, hex. */
  readonly sha256?: string;
  /** Absolute path of the source file. */
  readonly sourcePath?: string;
  readonly origin: SpecOrigin;
}

/** A validated platform: the spec (with Spark values as strings) plus the files it names. */
export interface Platform {
  readonly spec: PlatformSpec;
  readonly files: readonly PlatformFile[];
  /** The spec file, when the platform was loaded from one. */
  readonly specFile?: string;
  /** Folder that `source` paths are relative to. */
  readonly baseDir: string;
  /** Locates a field of the spec (e.g. `['tenants', 2, 'namespace']`) for messages. */
  readonly locate: (path: readonly (string | number)[]) => SpecOrigin;
}

/** Defaults shared by the constructs; one place so docs, schema and code agree. */
export const DEFAULTS = {
  transport: 'env' as Transport,
  delivery: 'featureSteps' as Delivery,
  runAsUser: 185,
  podSecurity: 'restricted' as const,
  secretRefreshInterval: '1h',
  fileMode: 0o444,
  secretFileMode: 0o400,
  replicas: 1,
  resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { memory: '2Gi' } },
  argocdNamespace: 'argocd',
};

/** Ports of the unified image. */
export const PORTS = { app: 8011, sparkUi: 4040, driver: 7078, blockManager: 7079 } as const;

/**
 * A tenant engine's resources: each request and limit the tenant sets replaces the platform's (or the
 * default's) one, and the rest stay, so `requests.memory` alone keeps the platform's cpu and limits.
 */
export function engineResources(spec: PlatformSpec, tenant: TenantSpec): ResourcesSpec {
  const base: ResourcesSpec = spec.engine?.resources ?? DEFAULTS.resources;
  const own = tenant.engine?.resources;
  if (!own) return base;
  const merge = (a?: ResourcesSpec['requests'], b?: ResourcesSpec['requests']) => (a || b ? { ...a, ...b } : undefined);
  const requests = merge(base.requests, own.requests);
  const limits = merge(base.limits, own.limits);
  return { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
}

/** The platform-wide transport (the proxy's, and every tenant's that sets none). */
export function platformTransport(platform: Platform): Transport {
  return platform.spec.transport ?? DEFAULTS.transport;
}

/** How the pods Spark creates get the platform's parts. */
export function platformDelivery(platform: Platform): Delivery {
  return platform.spec.delivery ?? DEFAULTS.delivery;
}

/** The transport a tenant's pods use. */
export function tenantTransport(platform: Platform, tenant: TenantSpec): Transport {
  return tenant.transport ?? platformTransport(platform);
}

/**
 * What else owns the namespace Argo CD's objects go to (`gitops.argocd.namespace`), if anything:
 * Argo CD's namespace belongs to Argo CD, so the platform must not manage it too.
 */
export function argoCdNamespaceClash(spec: PlatformSpec): { namespace: string; owner: string } | undefined {
  const argocd = spec.gitops?.argocd;
  if (!argocd) return undefined;
  const namespace = argocd.namespace ?? DEFAULTS.argocdNamespace;
  if (namespace === spec.proxy.namespace) return { namespace, owner: 'the proxy namespace' };
  if (spec.tenants.some(t => t.namespace === namespace)) return { namespace, owner: 'a tenant namespace' };
  return undefined;
}

/**
 * A tenant's engine settings over the platform's. The engine Deployment and the driver properties
 * derived from its resources (src/spark/driver-resources.ts) both read them here, so they agree.
 */
export function tenantEngine(spec: PlatformSpec, tenant: TenantSpec): EngineSpec {
  return { ...spec.engine, ...tenant.engine, resources: engineResources(spec, tenant) };
}

/** The roles whose pods run in a tenant namespace (the proxy runs in its own). */
export const TENANT_POD_ROLES: readonly Role[] = ['engine', 'executor'];

/** Files a role receives, in spec order. */
export function filesFor(platform: Platform, role: Role): PlatformFile[] {
  return platform.files.filter(f => f.roles.includes(role));
}

/** The package's quota for every tenant namespace: no Service may open the namespace to outside the cluster. */
export const DEFAULT_QUOTA_HARD: Readonly<QuotaHardSpec> = { 'services.loadbalancers': '0', 'services.nodeports': '0' };

/** The package's LimitRange defaults (the same sizes as the workloads' default resources). */
export const DEFAULT_LIMIT_RANGE: LimitRangeSpec = { default: { memory: '2Gi' }, defaultRequest: { cpu: '500m', memory: '1Gi' } };

/** A tenant's quota: the package's default, the platform's and the tenant's, key by key. */
export function tenantQuota(spec: PlatformSpec, tenant: TenantSpec): { hard: QuotaHardSpec; limitRange: LimitRangeSpec } {
  const hard = { ...DEFAULT_QUOTA_HARD, ...spec.quota?.hard, ...tenant.quota?.hard };
  const list = (k: keyof LimitRangeSpec) => {
    const merged = { ...DEFAULT_LIMIT_RANGE[k], ...spec.quota?.limitRange?.[k], ...tenant.quota?.limitRange?.[k] };
    return Object.keys(merged).length > 0 ? { [k]: merged } : {};
  };
  return { hard, limitRange: { ...list('default'), ...list('defaultRequest'), ...list('max') } };
}
