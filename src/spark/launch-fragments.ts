import { createHash } from 'crypto';
import * as k8s from '../../imports/k8s';
import { objectNames } from '../names';
import { buildRolePod, RolePod } from '../pod/role-pod';
import { filesFor, Platform, platformDelivery, PlatformFile, platformTransport, tenantTransport } from '../platform-spec/platform';
import { perPlatform } from '../platform-spec/per-platform';
import { Role, TenantSpec, Transport } from '../platform-spec/types';
import { SyncFile } from '../sync/config-sync';

/**
 * What the package writes for spark-tenancy's feature steps (`spark-steps/`, in the unified image):
 * the classes Spark runs, and the Spark properties they read. docs/feature-steps.md has the design.
 */
export const STEP_CLASSES = {
  /** Driver step: the engine pod's config-sync, files, mounts and the proxy's host aliases. */
  engineSetup: 'dev.sparktenancy.steps.EngineSetup',
  /** Driver step: refuses the launch when the namespace's ConfigMaps are missing or of another generation. */
  engineNamespace: 'dev.sparktenancy.steps.EngineNamespaceFeature',
  /** Executor step: the executor pod's config-sync, files, mounts and the engine's host aliases. */
  executorSetup: 'dev.sparktenancy.steps.ExecutorSetup',
} as const;

/** The Spark properties holding each role's fragment (JSON), as the steps read them. */
export const FRAGMENT_PROPERTIES = {
  engine: 'spark.tenancy.engine.fragment',
  executor: 'spark.tenancy.executor.fragment',
} as const;
/** `name=hash,...`: the ConfigMaps the engine's pods read in the namespace, with their content hash. */
export const NAMESPACE_CONFIGMAPS_PROPERTY = 'spark.tenancy.namespace.configMaps';
/** The annotation of a ConfigMap that the namespace step compares with the hash in NAMESPACE_CONFIGMAPS_PROPERTY. */
export const CONTENT_HASH_ANNOTATION = 'spark-tenancy.dev/content-hash';

/**
 * Where a launching pod (the proxy, an engine) holds the files of the pods it launches that it does
 * not hold itself, so that the step reads them at launch (the `env` transport). An emptyDir of its own:
 * nothing else in the pod reads it.
 */
export const CARRY_DIR = '/opt/spark-tenancy/carry';

/** The pods each role launches with a feature step: the proxy launches engines, an engine its executors. */
const LAUNCHES: Readonly<Record<Role, Role | undefined>> = { proxy: 'engine', engine: 'executor', executor: undefined };

/** One pod role's fragment, as the step parses it (spark-steps: LaunchFragment). */
export interface LaunchFragment {
  readonly role: 'engine' | 'executor';
  readonly initContainer: unknown;
  readonly volumes: unknown[];
  readonly volumeMounts: unknown[];
  readonly securityContext?: unknown;
  readonly containerSecurityContext?: unknown;
  readonly automountServiceAccountToken?: boolean;
  readonly hostAliases: k8s.HostAlias[];
  readonly inlineFiles: { variable: string; source: string; mode: string; target: string }[];
  readonly launcherHostAliases: boolean;
}

/**
 * The fragment for the `role` pods of a tenant: what synth decides of them (the config-sync init
 * container and its plan, volumes, mounts, security, the tenant's own host aliases), and which files
 * the step reads from the launching pod (the `env` transport) and where that pod holds them.
 */
export function launchFragment(platform: Platform, tenant: TenantSpec, role: 'engine' | 'executor'): LaunchFragment {
  const names = objectNames(platform.spec);
  const launcher: Role = role === 'engine' ? 'proxy' : 'engine';
  const transport = tenantTransport(platform, tenant);
  const pod = buildRolePod({
    platform,
    tenant,
    role,
    transport,
    podDescription: `${role} pods Spark launches in ${tenant.namespace}`,
    carriedFiles: role === 'engine' ? engineCarriedFiles(platform, tenant) : undefined,
    inlineAtLaunch: true,
    serviceAccountName: role === 'engine' ? names.engineServiceAccount : names.executorServiceAccount,
    container: { name: role },
  });
  const main = pod.spec.containers[0];
  return {
    role,
    initContainer: k8s.toJson_Container(pod.spec.initContainers![0]),
    volumes: pod.spec.volumes!.map(v => k8s.toJson_Volume(v)),
    volumeMounts: (main.volumeMounts ?? []).map(m => k8s.toJson_VolumeMount(m)),
    securityContext: k8s.toJson_PodSecurityContext(pod.spec.securityContext),
    containerSecurityContext: k8s.toJson_SecurityContext(main.securityContext),
    // Executors run user code: an account with no bindings, and no token in the pod.
    automountServiceAccountToken: role === 'executor' ? false : undefined,
    hostAliases: tenant.hostAliases?.map(a => ({ ip: a.ip, hostnames: [...a.hostnames] })) ?? [],
    inlineFiles: inlineSources(platform, launcher, pod),
    launcherHostAliases: true,
  };
}

/** A tenant's two fragments as their Spark properties hold them (one line of JSON each). */
export interface TenantFragments {
  readonly engine: string;
  readonly executor: string;
}

/**
 * The tenant's fragments as property values. They hold nothing tenant-specific beyond the transport and
 * the tenant's host aliases (Spark sets the namespace), so tenants that share those share one rendering.
 */
export function tenantFragments(platform: Platform, tenant: TenantSpec): TenantFragments {
  return rendered(platform, JSON.stringify([tenantTransport(platform, tenant), tenant.hostAliases ?? []]), () => ({
    engine: JSON.stringify(launchFragment(platform, tenant, 'engine')),
    executor: JSON.stringify(launchFragment(platform, tenant, 'executor')),
  }));
}

const rendered = perPlatform<TenantFragments>();

/**
 * Files a launching pod of `launcher`'s role holds under CARRY_DIR: every non-secret file of the pods
 * it launches (and, for the proxy, of the pods those launch) that it does not hold itself at a path
 * nothing writes to. Secret files are never carried: they come from the namespace's Secret.
 */
export function carriedFiles(platform: Platform, launcher: Role): SyncFile[] {
  const carried = new Map<string, PlatformFile>();
  for (let holder: Role = launcher, launched = LAUNCHES[holder]; launched !== undefined; holder = launched, launched = LAUNCHES[holder]) {
    for (const file of filesFor(platform, launched)) {
      if (!file.secret && heldAt(platform, launcher, file) === undefined) carried.set(file.key, file);
    }
  }
  return [...carried.values()].map(file => ({
    ...file,
    name: file.key,
    mountPath: CARRY_DIR,
    mode: 0o444,
    preserveImageContent: false,
    writable: false,
  }));
}

/**
 * What the proxy holds for EngineSetup: with the feature steps, when some tenant's pods receive their
 * files inline (`env`), the engines' (and their executors') files it does not hold itself; otherwise
 * none (with `objects` the engines read the tenant's ConfigMap, with pod templates the files are in them).
 */
export function proxyCarriedFiles(platform: Platform): SyncFile[] {
  if (platformDelivery(platform) !== 'featureSteps') return [];
  const inline = tenantTransportsOf(platform).includes('env');
  return inline ? carriedFiles(platform, 'proxy') : [];
}

/** The transports of the platform's tenants, and the platform's own (the next tenant's, unless it says otherwise). */
function tenantTransportsOf(platform: Platform): Transport[] {
  return [platformTransport(platform), ...platform.spec.tenants.map(t => tenantTransport(platform, t))];
}

/**
 * What an engine pod of the tenant holds for ExecutorSetup: with the `env` transport, the executors'
 * files it does not hold itself; with `objects` none (executors read the namespace's ConfigMap).
 */
export function engineCarriedFiles(platform: Platform, tenant: TenantSpec): SyncFile[] {
  return tenantTransport(platform, tenant) === 'env' ? carriedFiles(platform, 'engine') : [];
}

/** Where a pod of `role` holds `file` unchanged (its own mount, read-only), if it does. */
function heldAt(platform: Platform, role: Role, file: PlatformFile): string | undefined {
  return filesFor(platform, role).includes(file) && !file.writable ? `${file.mountPath}/${file.name}` : undefined;
}

function inlineSources(platform: Platform, launcher: Role, pod: RolePod): LaunchFragment['inlineFiles'] {
  return pod.launchInline.map(({ variable, mode, target, file }) => {
    const own = platform.files.find(f => f.key === file.key);
    const source = (own && heldAt(platform, launcher, own)) ?? `${CARRY_DIR}/${file.key}`;
    return { variable, source, mode, target };
  });
}

/** The content hash a ConfigMap's annotation carries and the namespace step compares: its data and binaryData, key by key. */
export function configMapContentHash(data: Readonly<Record<string, string>>, binaryData: Readonly<Record<string, string>> = {}): string {
  const hash = createHash('sha256');
  for (const [kind, entries] of [
    ['data', data],
    ['binaryData', binaryData],
  ] as const) {
    for (const key of Object.keys(entries).sort()) hash.update(`${kind}\0${key}\0${entries[key]}\0`);
  }
  return hash.digest('hex');
}
