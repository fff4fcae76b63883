import { createHash } from 'crypto';
import * as fs from 'fs';
import { isIP } from 'net';
import * as path from 'path';
import { ownedSparkKeys } from '../spark/owned-keys';
import { checkFeatureStepClasses, checkProperties } from '../spark/spark-property-checks';
import { driverResourcesProblem } from '../spark/driver-resources';
import { KERBEROS_FILE_ROLES } from '../spark/kerberos';
import { suggestion } from './did-you-mean';
import { SpecProblem } from './errors';
import { fileKind, ioProblem } from './io';
import { argoCdNamespaceClash, DEFAULTS, PlatformFile, SpecOrigin } from './platform';
import { HostAliasSpec, PlatformSpec, ResourcesSpec, SparkSpec } from './types';

/** Largest file a namespace's ConfigMap or Secret can carry (the API server's 1 MiB object data limit). */
export const MAX_SOURCE_BYTES = 1024 * 1024;

/**
 * Paths the pod already uses: Spark mounts its own volumes at these, and the init container stages
 * volumes under /var/run/spark-tenancy. A file volume on, under or above one of them would hide it.
 */
export const RESERVED_MOUNT_PATHS = [
  '/opt/spark/conf',
  '/opt/spark/pod-template',
  '/etc/krb5.conf',
  '/opt/hadoop/conf',
  '/mnt/secrets',
  '/opt/spark/jars',
  '/opt/spark-tenancy',
  '/var/run/spark-tenancy',
  '/proc',
  '/sys',
  '/dev',
];

/**
 * Longest file name, in UTF-8 bytes: Linux allows 255 bytes per name, and the init container first
 * writes each file as `.<name>.config-sync` beside its target (`staged` in image/materialize.sh).
 */
export const MAX_FILE_NAME_BYTES = 255 - '..config-sync'.length;

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

  checkTenants(spec, report);
  checkArgoCdNamespace(spec, report);
  checkHostAliases(spec.proxy.hostAliases, ['proxy', 'hostAliases'], report);
  spec.tenants.forEach((t, i) => checkHostAliases(t.hostAliases, ['tenants', i, 'hostAliases'], report));
  const owned = ownedSparkKeys(spec.roleEnv, { kerberos: spec.kerberos !== undefined });
  checkSpark(spec.spark, ['spark'], owned, report);
  spec.tenants.forEach((t, i) => checkSpark(t.spark, ['tenants', i, 'spark'], owned, report));
  checkEngineResources(spec, report);
  const files = checkFiles(spec, ctx, report);
  checkKerberos(spec, files, report);
  return { files, problems };
}

type Report = (segments: Segments, message: string, atKey?: boolean) => void;

/** Argo CD's own namespace belongs to Argo CD: the platform must not also manage it. */
function checkArgoCdNamespace(spec: PlatformSpec, report: Report): void {
  const clash = argoCdNamespaceClash(spec);
  if (!clash) return;
  const explicit = spec.gitops?.argocd?.namespace !== undefined;
  const where = explicit ? ['gitops', 'argocd', 'namespace'] : ['gitops', 'argocd'];
  report(where, `Argo CD's namespace "${clash.namespace}"${explicit ? '' : ' (the default)'} is also ${clash.owner}; set gitops.argocd.namespace to the namespace Argo CD runs in`);
}

function checkTenants(spec: PlatformSpec, report: Report): void {
  const firstIndex = new Map<string, number>();
  spec.tenants.forEach((tenant, i) => {
    const where = ['tenants', i, 'namespace'];
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
        : checkLabel(key, value);
      if (labelProblem) report(['tenants', i, 'labels', key], labelProblem, true);
    }
  });
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function checkLabel(key: string, value: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `label key "${key}" has an invalid prefix (a DNS subdomain such as example.com)`;
  }
  if (name.length > 63 || !LABEL_NAME.test(name)) {
    return `label key "${key}" is invalid (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`;
  }
  if (value !== '' && (value.length > 63 || !LABEL_NAME.test(value))) {
    return `label value "${value}" is invalid (empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)`;
  }
  return undefined;
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
      report(where, `no files[] entry is named "${name}"${suggestion(name, files.map(f => f.name))}; valid names: ${names}`);
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
      report(where, `files[${file.index}] ("${name}") does not go to ${missing.join(' and ')}, which ${field === 'keytab'
        ? 'logs in from the keytab (the engine is the Spark driver)'
        : 'must read krb5.conf (-Djava.security.krb5.conf)'}; add ${missing.join(', ')} to files[${file.index}].roles`);
    }
    const given = forbidden.filter(r => file.roles.includes(r));
    if (given.length > 0) {
      report(where, `files[${file.index}] ("${name}") goes to ${given.join(', ')}: executors run user code and authenticate with the `
        + `driver's delegation tokens (SPARK-25815), so they must not hold the keytab; remove ${given.join(', ')} from files[${file.index}].roles`);
    }
    if (field === 'keytab' && !file.secret) {
      report(where, `files[${file.index}] ("${name}") is not secret: a keytab is a password; set secret: true on it (it then comes from the Secret, never from Git)`);
    }
  }
}

function checkMountPath(mountPath: string): string | undefined {
  if (!mountPath.startsWith('/')) return `"${mountPath}" is not an absolute path; use a directory such as /etc/my-project`;
  if (mountPath.split('/').some(s => s === '..' || s === '.')) return `"${mountPath}" must not contain '.' or '..' segments`;
  if (mountPath !== '/' && mountPath.endsWith('/')) return `"${mountPath}" must not end with '/'; write ${mountPath.replace(/\/+$/, '')}`;
  if (mountPath.includes('//')) return `"${mountPath}" must not contain '//'`;
  if (mountPath.includes(':')) return `"${mountPath}" must not contain ':' (Kubernetes rejects it in volume mounts)`;
  for (const reserved of RESERVED_MOUNT_PATHS) {
    const how = mountPath === reserved ? 'is'
      : mountPath.startsWith(`${reserved}/`) ? 'is inside'
        : reserved.startsWith(mountPath === '/' ? '/' : `${mountPath}/`) ? 'would hide' : undefined;
    if (how !== undefined) {
      return `"${mountPath}" ${how} ${reserved}, which Spark or the init container mounts itself; `
        + `choose a directory that is neither ${reserved}, inside it nor above it (e.g. /etc/my-project)`;
    }
  }
  return undefined;
}

/** Keys Kubernetes accepts in ConfigMap/Secret data; other names are mapped (the file keeps its name in the pod). */
function defaultKey(name: string): string {
  const cleaned = name.replace(/[^-._a-zA-Z0-9]/g, '_');
  return cleaned === '.' || cleaned === '..' ? `_${cleaned}` : cleaned;
}

function checkFiles(spec: PlatformSpec, ctx: CheckContext, report: Report): PlatformFile[] {
  const files: PlatformFile[] = [];
  const targets = new Map<string, number>();
  const keys = new Map<string, number>();
  spec.files.forEach((entry, index) => {
    const where = ['files', index];
    const secret = entry.secret === true;
    const nameBytes = Buffer.byteLength(entry.name, 'utf8');
    if (nameBytes > MAX_FILE_NAME_BYTES) {
      report([...where, 'name'], `"${entry.name}" is ${nameBytes} bytes in UTF-8; a file name may be at most ${MAX_FILE_NAME_BYTES} bytes `
        + '(Linux allows 255 per name, and the init container stages each file as .<name>.config-sync), so shorten it');
    }
    const mountProblem = checkMountPath(entry.mountPath);
    if (mountProblem) report([...where, 'mountPath'], mountProblem);

    const target = `${entry.mountPath}/${entry.name}`;
    const sameTarget = targets.get(target);
    if (sameTarget !== undefined) {
      report(where, `${target} is already the target of files[${sameTarget}]; each mountPath/name must be unique, so change the name or mountPath of one of them`);
    } else {
      targets.set(target, index);
    }

    const key = entry.key ?? defaultKey(entry.name);
    if (UNRENDERABLE_KEYS.has(key)) {
      report(entry.key === undefined ? [...where, 'name'] : [...where, 'key'], `the ${secret ? 'Secret' : 'ConfigMap'} key "${key}" `
        + `${entry.key === undefined ? '(taken from the name) ' : ''}cannot be rendered: the manifest renderer drops or rejects `
        + `${[...UNRENDERABLE_KEYS].map(k => `"${k}"`).join(' and ')} as map keys; set key: to another value (e.g. key: ${key.replace(/^_+/, '')}.file); `
        + 'the file keeps its name in the pod');
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
      const read = readSource(sourcePath, entry.source, ctx.baseDir);
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
      remoteRef: entry.remoteRef,
      content,
      sha256: content ? createHash('sha256').update(content).digest('hex') : undefined,
      sourcePath,
      origin: ctx.locate(where),
    });
  });
  return files;
}

/** The file's bytes, or a message saying why they cannot be used. */
function readSource(absolute: string, asWritten: string, baseDir: string): Buffer | string {
  const valid = `name a readable regular file, relative to the spec's folder (${baseDir})`;
  let fd: number | undefined;
  try {
    // Open, then check what was opened: no window between check and read, and a FIFO (opened
    // non-blocking) is refused instead of hanging the synth.
    fd = fs.openSync(absolute, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
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
