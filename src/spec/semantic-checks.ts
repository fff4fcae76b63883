import { createHash } from 'crypto';
import * as fs from 'fs';
import { isIP } from 'net';
import * as path from 'path';
import { configMapKeyFor, DNS1123_SUBDOMAIN, fitsFormat, LABEL_VALUE, QUALIFIED_NAME_PART } from '../name-formats';
import { ownedSparkKeys } from '../spark/owned-keys';
import { checkFeatureStepClasses } from '../spark/feature-step-classes';
import { checkProperties } from '../spark/spark-property-checks';
import { driverResourcesProblem, quantityValue } from '../spark/driver-resources';
import { KERBEROS_FILE_ROLES } from '../spark/kerberos';
import { checkTenantProperties } from '../spark/tenant-properties';
import { suggestion } from './did-you-mean';
import { formatPath, SpecProblem } from './errors';
import { fileKind, ioProblem } from './io';
import { argoCdNamespaceClash, DEFAULTS, engineResources, PlatformFile, SpecOrigin } from './platform';
import { COMPUTE_QUOTA_KEYS, ComputeQuotaKey, formatAmount, quotaAmount, tenantDemand, tenantLimitRange } from '../pod/tenant-demand';
import { HostAliasSpec, LimitRangeSpec, PlatformSpec, ResourcesSpec, SparkSpec, TenantSpec } from './types';

/** Largest file a namespace's ConfigMap or Secret can carry (the API server's 1 MiB object data limit). */
export const MAX_SOURCE_BYTES = 1024 * 1024;

/**
 * Folders a file volume must not take. `tree`: a volume on, inside or above the folder would hide
 * it; `exact`: only the folder itself is refused (`/tmp/krb5_conf` and `/etc/my-project` stay legal).
 * One list for what Spark and the init container mount, the image's programs and libraries, and
 * the system's folders. Spark's own mounts come first, so their messages name the mount itself.
 */
export interface ReservedMountPath {
  /** An absolute path; `/lib*` stands for every top-level folder whose name starts with `lib`. */
  readonly path: string;
  readonly scope: 'tree' | 'exact';
  /** What the folder is, for messages: "which Spark or the init container mounts itself". */
  readonly why: string;
}

const SPARK_MOUNTS = 'which Spark or the init container mounts itself';
const PROGRAMS = "which holds the image's programs or libraries (a volume there would replace them)";
const SYSTEM = 'which the container runtime and Kubernetes provide';

export const RESERVED_MOUNT_PATHS: readonly ReservedMountPath[] = [
  ...[
    '/opt/spark/conf',
    '/opt/spark/pod-template',
    '/etc/krb5.conf',
    '/opt/hadoop/conf',
    '/mnt/secrets',
    '/opt/spark/jars',
    '/opt/spark-tenancy',
    '/var/run/spark-tenancy',
  ].map(p => ({ path: p, scope: 'tree' as const, why: SPARK_MOUNTS })),
  { path: '/', scope: 'exact', why: 'the root of the file system' },
  // $SPARK_HOME, $JAVA_HOME of Spark's images (Temurin) and of Debian's JDKs, the system's programs, the application's jars ($APP_HOME/lib of the unified image).
  ...['/opt/spark', '/opt/java', '/usr/lib/jvm', '/usr', '/bin', '/sbin', '/lib*', '/my_project/lib'].map(p => ({
    path: p,
    scope: 'tree' as const,
    why: PROGRAMS,
  })),
  ...['/proc', '/sys', '/dev', '/var/run/secrets'].map(p => ({ path: p, scope: 'tree' as const, why: SYSTEM })),
  ...['/tmp', '/etc'].map(p => ({ path: p, scope: 'exact' as const, why: 'a folder the system and the application write to' })),
];

/**
 * Namespaces the platform must not manage: Kubernetes' own, and `default` (where anything lands that
 * names no namespace).
 */
export const RESERVED_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Label keys and prefixes the package sets on Namespaces; a tenant's `labels` replace them only with an opt-in. */
const PACKAGE_LABEL_PREFIXES = ['spark-tenancy.dev/', 'pod-security.kubernetes.io/', 'app.kubernetes.io/', 'kubernetes.io/'];

/**
 * The per-volume folder where the init container stages files before renaming them into place
 * (`STAGING` in image/materialize.sh). No declared file may take this name.
 */
export const STAGING_FOLDER = '.config-sync';

/** Longest file name, in UTF-8 bytes: Linux allows 255 bytes per name (the staged copy has the same name, in {@link STAGING_FOLDER}). */
export const MAX_FILE_NAME_BYTES = 255;

/**
 * Map keys the manifests cannot carry: cdk8s's rendering drops a `__proto__` key even when the
 * construct defines it as an own property, and refuses a map with a `constructor` key ("can't render
 * non-simple object"). The loader refuses them as ConfigMap/Secret keys and label keys, so a spec can
 * never lose a file silently.
 */
const UNRENDERABLE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor']);

type Segments = readonly (string | number)[];

interface CheckContext {
  readonly baseDir: string;
  readonly problem: (segments: Segments, message: string, atKey?: boolean) => SpecProblem;
  readonly locate: (segments: Segments, atKey?: boolean) => SpecOrigin;
}

/** Checks what a JSON Schema cannot express, and reads every source file once. */
export function checkSemantics(spec: PlatformSpec, ctx: CheckContext): { files: PlatformFile[]; problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  const report = (segments: Segments, message: string, atKey = false) => problems.push(ctx.problem(segments, message, atKey));

  checkReservedNamespace(spec.proxy.namespace, ['proxy', 'namespace'], report);
  checkTenants(spec, report);
  checkArgoCdNamespace(spec, report);
  checkHostAliases(spec.proxy.hostAliases, ['proxy', 'hostAliases'], report);
  spec.tenants.forEach((t, i) => {
    checkHostAliases(t.hostAliases, ['tenants', i, 'hostAliases'], report);
    checkTenantHostnames(spec, t.hostAliases, ['tenants', i, 'hostAliases'], report);
  });
  checkResources(spec.proxy.resources ?? DEFAULTS.resources, ['proxy', 'resources'], report);
  checkResources(spec.engine?.resources ?? DEFAULTS.resources, ['engine', 'resources'], report);
  spec.tenants.forEach((t, i) => {
    const own = t.engine?.resources;
    if (own)
      checkResources(engineResources(spec, t), ['tenants', i, 'engine', 'resources'], report, {
        own,
        from: spec.engine?.resources ? ['engine', 'resources'] : undefined,
      });
  });
  const owned = ownedSparkKeys(spec.roleEnv, { kerberos: spec.kerberos !== undefined });
  checkSpark(spec.spark, ['spark'], owned, report);
  spec.tenants.forEach((t, i) => checkTenantSpark(t.spark, ['tenants', i, 'spark'], spec, owned, report));
  checkEngineResources(spec, report);
  checkQuotas(spec, report);
  checkNetwork(spec, report);
  const files = checkFiles(spec, ctx, report);
  checkKerberos(spec, files, report);
  checkSecretCopies(files, report);
  return { files, problems };
}

type Report = (segments: Segments, message: string, atKey?: boolean) => void;

/** Argo CD's own namespace belongs to Argo CD: the platform must not also manage it. */
function checkArgoCdNamespace(spec: PlatformSpec, report: Report): void {
  const clash = argoCdNamespaceClash(spec);
  if (!clash) return;
  const explicit = spec.gitops?.argocd?.namespace !== undefined;
  const where = explicit ? ['gitops', 'argocd', 'namespace'] : ['gitops', 'argocd'];
  report(
    where,
    `Argo CD's namespace "${clash.namespace}"${explicit ? '' : ' (the default)'} is also ${clash.owner}; set gitops.argocd.namespace to the namespace Argo CD runs in`,
  );
}

function checkReservedNamespace(namespace: string, where: Segments, report: Report): void {
  if (RESERVED_NAMESPACES.includes(namespace)) {
    report(
      where,
      `"${namespace}" is reserved (${RESERVED_NAMESPACES.join(', ')} belong to Kubernetes and to objects that name no namespace); ` +
        'give the platform a namespace of its own',
    );
  }
}

function checkTenants(spec: PlatformSpec, report: Report): void {
  const firstIndex = new Map<string, number>();
  const mayReplaceLabels = spec.tenantPolicy?.allowLabelOverride === true;
  spec.tenants.forEach((tenant, i) => {
    const where = ['tenants', i, 'namespace'];
    checkReservedNamespace(tenant.namespace, where, report);
    if (tenant.namespace === spec.proxy.namespace) {
      report(where, `"${tenant.namespace}" is the proxy namespace; a tenant needs a namespace of its own`);
    }
    const first = firstIndex.get(tenant.namespace);
    if (first !== undefined) {
      report(where, `"${tenant.namespace}" is already declared as tenants[${first}]; each tenant namespace appears once`);
    } else {
      firstIndex.set(tenant.namespace, i);
    }
    for (const [key, value] of Object.entries(tenant.labels ?? {})) {
      const labelProblem = UNRENDERABLE_KEYS.has(key)
        ? `label key "${key}" cannot be rendered (the manifest renderer drops or rejects it as a map key); choose another label key, e.g. example.com/${key.replace(/^_+/, '')}`
        : (checkLabel(key, value) ?? (mayReplaceLabels ? undefined : packageLabelProblem(key)));
      if (labelProblem) report(['tenants', i, 'labels', key], labelProblem, true);
    }
  });
}

/** A tenant label in a key space the package writes: it could switch off Pod Security or the tenant marker. */
function packageLabelProblem(key: string): string | undefined {
  const prefix = PACKAGE_LABEL_PREFIXES.find(p => key.startsWith(p));
  if (prefix === undefined) return undefined;
  return (
    `label key "${key}" is in ${prefix}, which the package sets on the Namespace (Pod Security level, tenant marker, names); ` +
    'a tenant entry cannot replace it unless tenantPolicy.allowLabelOverride is true; use a key of your own, e.g. example.com/team'
  );
}

function checkLabel(key: string, value: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !fitsFormat(prefix, DNS1123_SUBDOMAIN)) {
    return `label key "${key}" has an invalid prefix (a DNS subdomain such as example.com)`;
  }
  if (!fitsFormat(name, QUALIFIED_NAME_PART)) {
    return `label key "${key}" is invalid (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`;
  }
  if (!fitsFormat(value, LABEL_VALUE)) {
    return `label value "${value}" is invalid (empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`;
  }
  return undefined;
}

/** Cluster names a tenant's host aliases must not redirect: the API server's Service and every Service name. */
const CLUSTER_HOSTNAME = /^kubernetes(\.default(\.svc(\..*)?)?)?$|\.svc$|\.svc\.|\.cluster\.local$/i;

/**
 * A tenant's host aliases go into its own pods, which hold the platform's files and talk to the
 * platform's KDC, metastore and name nodes: they may add names, not redirect the platform's own
 * (`proxy.hostAliases`) or the cluster's Service names.
 */
function checkTenantHostnames(spec: PlatformSpec, aliases: readonly HostAliasSpec[] | undefined, where: Segments, report: Report): void {
  const platformNames = new Set((spec.proxy.hostAliases ?? []).flatMap(a => a.hostnames.map(h => h.toLowerCase())));
  (aliases ?? []).forEach((alias, i) =>
    alias.hostnames.forEach((hostname, k) => {
      const why = platformNames.has(hostname.toLowerCase())
        ? "is one of the platform's host aliases (proxy.hostAliases)"
        : CLUSTER_HOSTNAME.test(hostname)
          ? "is a name of the cluster's own Services"
          : undefined;
      if (why) report([...where, i, 'hostnames', k], `"${hostname}" ${why}; a tenant entry may add host names, not redirect these`);
    }),
  );
}

function checkHostAliases(aliases: readonly HostAliasSpec[] | undefined, where: Segments, report: Report): void {
  (aliases ?? []).forEach((alias, i) => {
    if (isIP(alias.ip) === 0) {
      report([...where, i, 'ip'], `"${alias.ip}" is not a valid IPv4 or IPv6 address (e.g. 10.0.0.10 or fd00::10, without a port or prefix length)`);
    }
  });
}

function checkSpark(spark: SparkSpec | undefined, where: Segments, owned: ReadonlyMap<string, string>, report: Report): void {
  if (!spark) return;
  for (const p of checkProperties(spark.properties ?? {}, { owned, allowOverride: spark.override === true })) {
    report([...where, 'properties', p.key], p.message, true);
  }
  for (const role of ['driver', 'executor'] as const) {
    for (const p of checkFeatureStepClasses(spark.featureSteps?.[role] ?? [])) {
      report([...where, 'featureSteps', role, p.index], p.message);
    }
  }
}

/** The driver properties are derived from the engine's resources; memory too small for Spark's overhead cannot be. */
function checkEngineResources(spec: PlatformSpec, report: Report): void {
  const check = (resources: ResourcesSpec | undefined, where: Segments) => {
    const problem = driverResourcesProblem(resources);
    if (problem === undefined) return;
    const limit = resources?.limits?.memory !== undefined;
    report([...where, 'resources', limit ? 'limits' : 'requests', 'memory'], problem);
  };
  check(spec.engine?.resources, ['engine']);
  spec.tenants.forEach((t, i) => check(t.engine?.resources, ['tenants', i, 'engine']));
}

/** Why `cidr` is not an IPv4 or IPv6 CIDR, or undefined. */
export function cidrProblem(cidr: string): string | undefined {
  const [address, prefix, ...rest] = cidr.split('/');
  const family = isIP(address ?? '');
  const bits = family === 4 ? 32 : 128;
  if (family === 0 || rest.length > 0 || prefix === undefined || !/^[0-9]{1,3}$/.test(prefix) || Number(prefix) > bits) {
    return `"${cidr}" is not a CIDR (an IPv4 or IPv6 address and a prefix length, e.g. 10.0.0.10/32 or fd00::/64)`;
  }
  return undefined;
}

/**
 * Egress isolation: every CIDR must be one, and with any endpoint declared the API server's address
 * is needed (a NetworkPolicy cannot select it, and engines must reach it to create executors).
 */
function checkNetwork(spec: PlatformSpec, report: Report): void {
  const checkList = (list: readonly { cidr: string }[] | undefined, where: Segments) =>
    (list ?? []).forEach((e, i) => {
      const problem = cidrProblem(e.cidr);
      if (problem) report([...where, i, 'cidr'], `${problem}; NetworkPolicy ipBlock needs one`);
    });
  checkList(spec.network?.egress, ['network', 'egress']);
  spec.tenants.forEach((t, i) => checkList(t.network?.egress, ['tenants', i, 'network', 'egress']));
  const apiServer = spec.network?.apiServer;
  if (apiServer) {
    const problem = cidrProblem(apiServer.cidr);
    if (problem) report(['network', 'apiServer', 'cidr'], `${problem}; the API server's address, e.g. the kubernetes Service's endpoints`);
  }
  const declared =
    (spec.network?.egress?.length ?? 0) > 0
      ? ['network', 'egress']
      : spec.tenants.map((t, i) => ((t.network?.egress?.length ?? 0) > 0 ? ['tenants', i, 'network', 'egress'] : undefined)).find(w => w !== undefined);
  if (declared && !apiServer) {
    report(
      declared,
      'egress isolation needs network.apiServer ({cidr, port}): a NetworkPolicy cannot select the API server, ' +
        'and engines must reach it to create their executors (kubectl get endpoints kubernetes -n default shows its address)',
    );
  }
}

/**
 * Each tenant's quota must hold what the platform itself starts there: its engines and the executors
 * `spark.executor.instances` asks for, sized as Spark sizes them (src/spark/executor-resources.ts).
 * Otherwise the quota admission refuses the platform's own pods. The LimitRange's values must agree
 * with each other, as the API server requires (default and default request at most max, default
 * request at most default).
 */
function checkQuotas(spec: PlatformSpec, report: Report): void {
  const limitRangePath = (tenant: TenantSpec, i: number, list: keyof LimitRangeSpec, name: 'cpu' | 'memory'): Segments =>
    tenant.quota?.limitRange?.[list]?.[name] !== undefined
      ? ['tenants', i, 'quota', 'limitRange', list, name]
      : spec.quota?.limitRange?.[list]?.[name] !== undefined
        ? ['quota', 'limitRange', list, name]
        : ['tenants', i, 'namespace'];
  const seen = new Set<string>();
  spec.tenants.forEach((tenant, i) => {
    const limitRange = tenantLimitRange(spec, tenant);
    for (const name of ['cpu', 'memory'] as const) {
      const pairs: [keyof LimitRangeSpec, keyof LimitRangeSpec][] = [
        ['default', 'max'],
        ['defaultRequest', 'max'],
        ['defaultRequest', 'default'],
      ];
      for (const [low, high] of pairs) {
        const a = limitRange[low]?.[name];
        const b = limitRange[high]?.[name];
        if (a === undefined || b === undefined || quantityValue(a)! <= quantityValue(b)!) continue;
        const lowPath = limitRangePath(tenant, i, low, name);
        const where = lowPath[lowPath.length - 1] === 'namespace' ? limitRangePath(tenant, i, high, name) : lowPath;
        const fromPackage = lowPath[lowPath.length - 1] === 'namespace' ? " (the package's default)" : '';
        const id = `${formatPath(where)} ${high}`;
        if (seen.has(id)) continue;
        seen.add(id);
        report(
          where,
          `the LimitRange's ${low} ${name} ${a}${fromPackage} is above its ${high} ${b}${where[0] === 'quota' ? '' : ` (for ${tenant.namespace})`}; ` +
            `the API server refuses such a LimitRange, so lower ${low}.${name} or raise ${high}.${name}`,
        );
      }
    }
    const demand = tenantDemand(spec, tenant);
    for (const name of ['cpu', 'memory'] as const) {
      const max = limitRange.max?.[name];
      if (max === undefined) continue;
      const engine = engineResources(spec, tenant);
      const executor = demand.executor;
      const sizes: [string, string | undefined][] = [
        ["the engine container's request", engine.requests?.[name]],
        ["the engine container's limit", engine.limits?.[name]],
        ["each executor container's request", executor && (name === 'cpu' ? `${executor.cpuRequestMillis}m` : `${executor.memoryMiB}Mi`)],
        [
          "each executor container's limit",
          executor && (name === 'cpu' ? (executor.cpuLimitMillis !== undefined ? `${executor.cpuLimitMillis}m` : undefined) : `${executor.memoryMiB}Mi`),
        ],
      ];
      const above = sizes.find(([, v]) => v !== undefined && quantityValue(v)! > quantityValue(max)!);
      if (above) {
        report(
          limitRangePath(tenant, i, 'max', name),
          `${above[0]} ${name} ${above[1]} in ${tenant.namespace} is above the LimitRange's max ${name} ${max}; ` +
            `the API server's LimitRanger refuses such a pod, so raise max.${name} or make the ${above[0].includes('engine') ? 'engine' : 'executors'} smaller`,
        );
      }
    }
    const hard = { ...spec.quota?.hard, ...tenant.quota?.hard };
    for (const key of COMPUTE_QUOTA_KEYS) {
      const quota = quotaAmount(key, hard);
      const needed = demand.total[key];
      if (quota === undefined || needed === undefined || needed <= quota) continue;
      const own = tenant.quota?.hard?.[key] !== undefined;
      report(
        own ? ['tenants', i, 'quota', 'hard', key] : ['quota', 'hard', key],
        `the quota's ${key} ${hard[key]} cannot hold ${tenant.namespace}'s own pods, which need ${formatAmount(key, needed)}: ` +
          `${demandParts(key, demand)}; raise ${key} to at least ${formatAmount(key, needed)}${own ? '' : ` (in tenants[${i}].quota.hard for this tenant alone)`}, ` +
          'or lower spark.executor.instances or the sizes',
      );
    }
  });
}

/** "1 engine × 4Gi + 8 executors × 4505Mi (spark.executor.memory 4096Mi + overhead 409Mi)" for a message. */
function demandParts(key: ComputeQuotaKey, demand: ReturnType<typeof tenantDemand>): string {
  const engines = `${demand.engineReplicas} engine${demand.engineReplicas === 1 ? '' : 's'}`;
  const executors = demand.executor
    ? `${demand.executor.instances} executor${demand.executor.instances === 1 ? '' : 's'} (spark.executor.instances)`
    : '0 executors';
  if (key === 'pods') return `${engines} + ${executors}`;
  const perExecutor = demand.executorPod?.[key];
  const detail =
    key.endsWith('.memory') && demand.executor ? ` (spark.executor.memory ${demand.executor.heapMiB}Mi + overhead ${demand.executor.overheadMiB}Mi)` : '';
  return `${engines} × ${formatAmount(key, demand.engine[key]!)} + ${executors} × ${perExecutor === undefined ? '0' : formatAmount(key, perExecutor)}${detail}`;
}

/**
 * The `kerberos` section names files by their `name`: each must be exactly one entry, delivered to
 * the roles that log in or read krb5.conf, and the keytab a secret that executors never get.
 */
function checkKerberos(spec: PlatformSpec, files: readonly PlatformFile[], report: Report): void {
  const kerberos = spec.kerberos;
  if (!kerberos) return;
  const names = [...new Set(files.map(f => f.name))].join(', ');
  for (const field of ['keytab', 'krb5Conf'] as const) {
    const where = ['kerberos', field];
    const name = kerberos[field];
    const matches = files.filter(f => f.name === name);
    if (matches.length === 0) {
      report(
        where,
        `no files[] entry is named "${name}"${suggestion(
          name,
          files.map(f => f.name),
        )}; valid names: ${names}`,
      );
      continue;
    }
    if (matches.length > 1) {
      report(where, `"${name}" names ${matches.map(f => `files[${f.index}]`).join(' and ')}; give the ${field} file a name no other entry has`);
      continue;
    }
    const [file] = matches;
    const { required, forbidden } = KERBEROS_FILE_ROLES[field];
    const missing = required.filter(r => !file.roles.includes(r));
    if (missing.length > 0) {
      report(
        where,
        `files[${file.index}] ("${name}") does not go to ${missing.join(' and ')}, which ${
          field === 'keytab' ? 'logs in from the keytab (the engine is the Spark driver)' : 'must read krb5.conf (-Djava.security.krb5.conf)'
        }; add ${missing.join(', ')} to files[${file.index}].roles`,
      );
    }
    const given = forbidden.filter(r => file.roles.includes(r));
    if (given.length > 0) {
      report(
        where,
        `files[${file.index}] ("${name}") goes to ${given.join(', ')}: executors run user code and authenticate with the ` +
          `driver's delegation tokens (SPARK-25815), so they must not hold the keytab; remove ${given.join(', ')} from files[${file.index}].roles`,
      );
    }
    if (field === 'keytab' && !file.secret) {
      report(
        where,
        `files[${file.index}] ("${name}") is not secret: a keytab is a password; set secret: true on it (it then comes from the Secret, never from Git)`,
      );
    }
  }
}

/**
 * A tenant's Spark settings: the same syntax checks as the platform's, then the trust boundary
 * (src/spark/tenant-properties.ts). A tenant cannot opt itself in: `spark.override` is the platform's,
 * and feature steps (classes the proxy's spark-submit runs) need `tenantPolicy.allowFeatureSteps`.
 */
function checkTenantSpark(spark: SparkSpec | undefined, where: Segments, spec: PlatformSpec, owned: ReadonlyMap<string, string>, report: Report): void {
  if (!spark) return;
  const policy = spec.tenantPolicy ?? {};
  // One problem per key: a key outside the boundary needs no "did you mean" on top.
  const outside = checkTenantProperties(spark.properties ?? {}, { roleEnv: spec.roleEnv, allowed: policy.allowSparkProperties ?? [] });
  const refused = new Set(outside.map(p => p.key));
  const syntax = checkProperties(spark.properties ?? {}, { owned: new Set(), allowOverride: false }).filter(p => !refused.has(p.key));
  for (const p of [...syntax, ...outside]) report([...where, 'properties', p.key], p.message, true);
  if (spark.override !== undefined) {
    report(
      [...where, 'override'],
      "a tenant entry cannot set spark.override (keys the package sets stay the package's); " +
        'the platform team lists what tenants may set in tenantPolicy.allowSparkProperties',
      true,
    );
  }
  const steps = spark.featureSteps;
  if (steps !== undefined && policy.allowFeatureSteps !== true) {
    report(
      [...where, 'featureSteps'],
      "a tenant entry may not choose feature step classes (code that the proxy's spark-submit runs " +
        'with its ServiceAccount); set them in spark.featureSteps at platform level, or set tenantPolicy.allowFeatureSteps: true',
      true,
    );
  } else {
    checkSpark({ featureSteps: steps }, where, owned, report);
  }
}

/**
 * A request above its limit: the API server refuses such a pod, and offline validation would not
 * notice. `resources` is what the pod gets (a tenant's merged with the platform's); with `inherited`,
 * the values the entry at `where` does not set itself come from there (named in the message), and the
 * problem points at the value the entry does set.
 */
function checkResources(resources: ResourcesSpec, where: Segments, report: Report, inherited?: { own: ResourcesSpec; from?: Segments }): void {
  for (const name of ['cpu', 'memory'] as const) {
    const request = resources.requests?.[name];
    const limit = resources.limits?.[name];
    if (request === undefined || limit === undefined || quantityValue(request)! <= quantityValue(limit)!) continue;
    const fromElsewhere = (list: 'requests' | 'limits') => inherited !== undefined && inherited.own[list]?.[name] === undefined;
    const origin = (list: 'requests' | 'limits') =>
      !fromElsewhere(list) ? '' : inherited!.from ? ` (from ${formatPath([...inherited!.from, list, name])})` : " (the package's default)";
    report(
      [...where, fromElsewhere('requests') ? 'limits' : 'requests', name],
      `the ${name} request ${request}${origin('requests')} ` +
        `is above its limit ${limit}${origin('limits')}; the API server refuses a pod whose request exceeds its limit, so lower the request or raise the limit`,
    );
  }
}

/** Why a file volume cannot be mounted at `mountPath`, or undefined when it can. */
export function mountPathProblem(mountPath: string): string | undefined {
  if (!mountPath.startsWith('/')) return `"${mountPath}" is not an absolute path; use a directory such as /etc/my-project`;
  if (mountPath.split('/').some(s => s === '..' || s === '.')) return `"${mountPath}" must not contain '.' or '..' segments`;
  if (mountPath !== '/' && mountPath.endsWith('/')) return `"${mountPath}" must not end with '/'; write ${mountPath.replace(/\/+$/, '')}`;
  if (mountPath.includes('//')) return `"${mountPath}" must not contain '//'`;
  if (mountPath.includes(':')) return `"${mountPath}" must not contain ':' (Kubernetes rejects it in volume mounts)`;
  for (const reserved of RESERVED_MOUNT_PATHS) {
    const how = reservedHow(mountPath, reserved);
    if (how === undefined) continue;
    // `/lib*` is named as the folder met: /lib64, or /lib when `/` would hide them all.
    const shown = reserved.path.endsWith('*') ? (how === 'would hide' ? '/lib' : `/${mountPath.split('/')[1]}`) : reserved.path;
    return reserved.scope === 'exact'
      ? `"${mountPath}" is ${shown}, ${reserved.why}; a volume there would hide all of it, so choose a folder inside it (e.g. ${mountPath === '/' ? '' : mountPath}/my-project)`
      : `"${mountPath}" ${how} ${shown}, ${reserved.why}; choose a directory that is neither ${shown}, inside it nor above it (e.g. /etc/my-project)`;
  }
  return undefined;
}

/** How `mountPath` meets a reserved folder: "is", "is inside", "would hide", or undefined. */
function reservedHow(mountPath: string, reserved: ReservedMountPath): 'is' | 'is inside' | 'would hide' | undefined {
  if (reserved.scope === 'exact') return mountPath === reserved.path ? 'is' : undefined;
  if (reserved.path.endsWith('*')) {
    // `/lib*`: /lib, /lib64, /libx32 and what is inside them; only `/` is above them.
    const top = mountPath.split('/')[1] ?? '';
    if (!top.startsWith(reserved.path.slice(1, -1))) return mountPath === '/' ? 'would hide' : undefined;
    return mountPath.indexOf('/', 1) === -1 ? 'is' : 'is inside';
  }
  if (mountPath === reserved.path) return 'is';
  if (mountPath.startsWith(`${reserved.path}/`)) return 'is inside';
  return reserved.path.startsWith(mountPath === '/' ? '/' : `${mountPath}/`) ? 'would hide' : undefined;
}

function checkFiles(spec: PlatformSpec, ctx: CheckContext, report: Report): PlatformFile[] {
  const files: PlatformFile[] = [];
  const sourceRoot = resolveSourceRoot(spec, ctx, report);
  const targets = new Map<string, number>();
  const keys = new Map<string, number>();
  spec.files.forEach((entry, index) => {
    const where = ['files', index];
    const secret = entry.secret === true;
    const nameBytes = Buffer.byteLength(entry.name, 'utf8');
    if (nameBytes > MAX_FILE_NAME_BYTES) {
      report(
        [...where, 'name'],
        `"${entry.name}" is ${nameBytes} bytes in UTF-8; a file name may be at most ${MAX_FILE_NAME_BYTES} bytes ` +
          '(Linux allows 255 per name), so shorten it',
      );
    }
    if (entry.name === STAGING_FOLDER) {
      report([...where, 'name'], `"${STAGING_FOLDER}" is the folder where the init container stages every volume's files; choose another name`);
    }
    if (entry.mode !== undefined && (parseInt(entry.mode, 8) & 0o400) === 0) {
      report(
        [...where, 'mode'],
        `"${entry.mode}" leaves the file's owner (the pod's user) unable to read it, so the pod would start with an unusable file; ` +
          `give the owner read permission (e.g. "${(parseInt(entry.mode, 8) | 0o400).toString(8).padStart(4, '0')}")`,
      );
    }
    const mountProblem = mountPathProblem(entry.mountPath);
    if (mountProblem) report([...where, 'mountPath'], mountProblem);

    const target = `${entry.mountPath}/${entry.name}`;
    const sameTarget = targets.get(target);
    if (sameTarget !== undefined) {
      report(
        where,
        `${target} is already the target of files[${sameTarget}]; each mountPath/name must be unique, so change the name or mountPath of one of them`,
      );
    } else {
      targets.set(target, index);
    }

    const key = entry.key ?? configMapKeyFor(entry.name);
    if (UNRENDERABLE_KEYS.has(key)) {
      report(
        entry.key === undefined ? [...where, 'name'] : [...where, 'key'],
        `the ${secret ? 'Secret' : 'ConfigMap'} key "${key}" ` +
          `${entry.key === undefined ? '(taken from the name) ' : ''}cannot be rendered: the manifest renderer drops or rejects ` +
          `${[...UNRENDERABLE_KEYS].map(k => `"${k}"`).join(' and ')} as map keys; set key: to another value (e.g. key: ${key.replace(/^_+/, '')}.file); ` +
          'the file keeps its name in the pod',
      );
    }
    const keySpace = `${secret ? 'secret' : 'configmap'}/${key}`;
    const sameKey = keys.get(keySpace);
    if (sameKey !== undefined) {
      report(where, `key "${key}" is already used by files[${sameKey}] in the same ${secret ? 'Secret' : 'ConfigMap'}; set a distinct "key:" on one of them`);
    } else {
      keys.set(keySpace, index);
    }

    if (entry.remoteRef && !secret) report([...where, 'remoteRef'], 'remoteRef only applies to secret files (secret: true)', true);

    let content: Buffer | undefined;
    let sourcePath: string | undefined;
    if (entry.source === undefined) {
      if (!secret) report(where, 'missing required field "source" (only a secret file held by the cluster may omit it)');
      else if (spec.allowPlaintextSecrets) report(where, 'allowPlaintextSecrets needs a "source" for every secret file');
    } else {
      sourcePath = path.resolve(ctx.baseDir, entry.source);
      const read = readSource(sourcePath, entry.source, sourceRoot);
      if (typeof read === 'string') report([...where, 'source'], read);
      else content = read;
    }

    files.push({
      index,
      name: entry.name,
      mountPath: entry.mountPath,
      roles: [...entry.roles],
      secret,
      mode: entry.mode !== undefined ? parseInt(entry.mode, 8) : secret ? DEFAULTS.secretFileMode : DEFAULTS.fileMode,
      key,
      preserveImageContent: entry.preserveImageContent === true,
      writable: entry.writable === true,
      format: entry.format ?? (entry.name.endsWith('.keytab') ? 'keytab' : undefined),
      remoteRef: entry.remoteRef,
      content,
      sha256: content ? createHash('sha256').update(content).digest('hex') : undefined,
      sourcePath,
      origin: ctx.locate(where),
    });
  });
  return files;
}

/**
 * The folder every source must resolve inside: `sourceRoot` (relative to the spec's folder), or the
 * spec's folder; with symbolic links followed, so a link cannot lead out of it. Undefined when the
 * declared root is unusable (reported).
 */
function resolveSourceRoot(spec: PlatformSpec, ctx: CheckContext, report: Report): SourceRoot | undefined {
  const declared = spec.sourceRoot;
  const absolute = path.resolve(ctx.baseDir, declared ?? '.');
  try {
    const real = fs.realpathSync(absolute);
    if (!fs.statSync(real).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    return declared === undefined
      ? { real, shown: `the spec's folder (${ctx.baseDir})`, valid: `name a readable regular file, relative to the spec's folder (${ctx.baseDir})` }
      : { real, shown: `sourceRoot (${real})`, valid: `name a readable regular file inside sourceRoot (${real})` };
  } catch (e) {
    report(['sourceRoot'], `"${declared}" cannot be used as the folder of sources: ${ioProblem(e, absolute)}; name a folder, relative to the spec's folder`);
    return undefined;
  }
}

interface SourceRoot {
  /** The folder, symbolic links resolved. */
  readonly real: string;
  /** How messages name it. */
  readonly shown: string;
  /** What a valid source is, for messages. */
  readonly valid: string;
}

/** Folders of the kernel's and devices' special files: their "regular" files are views of the running system. */
const SPECIAL_FILE_SYSTEMS = ['/proc', '/sys', '/dev'];

/** The file's bytes, or a message saying why they cannot be used. */
function readSource(absolute: string, asWritten: string, root: SourceRoot | undefined): Buffer | string {
  if (root === undefined) return `"${asWritten}" was not read: the folder of sources is unusable`;
  const { valid } = root;
  let fd: number | undefined;
  try {
    // Follow every link first: the file actually read must be inside the root, whatever the path says.
    const real = fs.realpathSync(absolute);
    if (real !== root.real && !real.startsWith(`${root.real === '/' ? '' : root.real}/`)) {
      return (
        `"${asWritten}" resolves to ${real}, outside ${root.shown}; a source must stay inside it after following symbolic links ` +
        '(set sourceRoot to share a folder beside the spec)'
      );
    }
    const special = SPECIAL_FILE_SYSTEMS.find(d => real === d || real.startsWith(`${d}/`));
    if (special !== undefined) return `"${asWritten}" is a special file under ${special}, not a regular file; ${valid}`;
    // Open, then check what was opened: no window between check and read, and a FIFO (opened
    // non-blocking) is refused instead of hanging the synth.
    fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return `"${asWritten}" is a directory; name one file per entry (e.g. source: ${asWritten.replace(/\/+$/, '')}/krb5.conf)`;
    if (!stat.isFile()) return `"${asWritten}" is ${fileKind(stat)}, not a regular file; ${valid}`;
    if (stat.size > MAX_SOURCE_BYTES) {
      return `"${asWritten}" is ${stat.size} bytes; a file may be at most ${MAX_SOURCE_BYTES} bytes (1 MiB, the ConfigMap/Secret limit)`;
    }
    return fs.readFileSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `"${asWritten}" does not exist (looked for ${absolute}); ${valid}`;
    if (code === 'EISDIR') return `"${asWritten}" is a directory; name one file per entry`;
    return `"${asWritten}" cannot be read: ${ioProblem(e, absolute)}; ${valid}`;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A non-secret entry whose bytes are a secret entry's would put the secret into dist/ (ConfigMap,
 * env); refuse it naming both, whatever leak-check later says.
 */
function checkSecretCopies(files: readonly PlatformFile[], report: Report): void {
  const secrets = new Map<string, PlatformFile>();
  for (const f of files) if (f.secret && f.sha256 && f.content!.length > 0 && !secrets.has(f.sha256)) secrets.set(f.sha256, f);
  for (const f of files) {
    const secret = !f.secret && f.sha256 ? secrets.get(f.sha256) : undefined;
    if (secret === undefined) continue;
    report(
      ['files', f.index, 'source'],
      `files[${f.index}] (${f.name}) has the same content as the secret file files[${secret.index}] (${secret.name}); ` +
        'a non-secret entry would write those bytes into dist/, so mark it secret: true or name another source',
    );
  }
}
