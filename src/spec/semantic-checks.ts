import { createHash } from 'crypto';
import * as fs from 'fs';
import { isIP } from 'net';
import * as path from 'path';
import { ownedSparkKeys } from '../spark/owned-keys';
import { checkFeatureStepClasses, checkProperties } from '../spark/spark-property-checks';
import { SpecProblem } from './errors';
import { DEFAULTS, PlatformFile, SpecOrigin } from './platform';
import { HostAliasSpec, PlatformSpec, SparkSpec } from './types';

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
  checkHostAliases(spec.proxy.hostAliases, ['proxy', 'hostAliases'], report);
  spec.tenants.forEach((t, i) => checkHostAliases(t.hostAliases, ['tenants', i, 'hostAliases'], report));
  checkSpark(spec.spark, ['spark'], spec.roleEnv, report);
  spec.tenants.forEach((t, i) => checkSpark(t.spark, ['tenants', i, 'spark'], spec.roleEnv, report));
  const files = checkFiles(spec, ctx, report);
  return { files, problems };
}

type Report = (segments: Segments, message: string, atKey?: boolean) => void;

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
      const labelProblem = checkLabel(key, value);
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
      report([...where, i, 'ip'], `"${alias.ip}" is not a valid IPv4 or IPv6 address`);
    }
  });
}

function checkSpark(spark: SparkSpec | undefined, where: Segments, roleEnv: string, report: Report): void {
  if (!spark) return;
  const owned = new Set(ownedSparkKeys(roleEnv).keys());
  for (const p of checkProperties(spark.properties ?? {}, { owned, allowOverride: spark.override === true })) {
    report([...where, 'properties', p.key], p.message, true);
  }
  for (const role of ['driver', 'executor'] as const) {
    for (const p of checkFeatureStepClasses(spark.featureSteps?.[role] ?? [])) {
      report([...where, 'featureSteps', role, p.index], p.message);
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
    const clash = mountPath === reserved || mountPath.startsWith(`${reserved}/`) || reserved.startsWith(mountPath === '/' ? '/' : `${mountPath}/`);
    if (clash) {
      return `"${mountPath}" collides with ${reserved}, which Spark or the init container mounts itself; choose another directory`;
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
    const mountProblem = checkMountPath(entry.mountPath);
    if (mountProblem) report([...where, 'mountPath'], mountProblem);

    const target = `${entry.mountPath}/${entry.name}`;
    const sameTarget = targets.get(target);
    if (sameTarget !== undefined) {
      report(where, `${target} is already the target of files[${sameTarget}]; each mountPath/name must be unique`);
    } else {
      targets.set(target, index);
    }

    const key = entry.key ?? defaultKey(entry.name);
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
      const read = readSource(sourcePath, entry.source);
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
function readSource(absolute: string, asWritten: string): Buffer | string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `"${asWritten}" does not exist (looked for ${absolute}; sources are relative to the spec's folder)`
      : `"${asWritten}" cannot be read (${code ?? (e as Error).message})`;
  }
  if (stat.isDirectory()) return `"${asWritten}" is a directory; name one file per entry`;
  if (!stat.isFile()) return `"${asWritten}" is not a regular file`;
  if (stat.size > MAX_SOURCE_BYTES) {
    return `"${asWritten}" is ${stat.size} bytes; a file may be at most ${MAX_SOURCE_BYTES} bytes (1 MiB, the ConfigMap/Secret limit)`;
  }
  try {
    return fs.readFileSync(absolute);
  } catch (e) {
    return `"${asWritten}" cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
}
