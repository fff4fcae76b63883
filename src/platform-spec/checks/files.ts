import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { configMapKeyFor } from '../../name-formats';
import { fileKind, ioProblem } from '../io';
import { DEFAULTS, PlatformFile } from '../platform';
import type { PlatformSpec } from '../types';
import type { Report, CheckContext } from './report';

/* What a declared file may be: its mount path, its name, its source's bytes, and secret copies. */

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
export const UNRENDERABLE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor']);

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

export function checkFiles(spec: PlatformSpec, ctx: CheckContext, report: Report): PlatformFile[] {
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
export function checkSecretCopies(files: readonly PlatformFile[], report: Report): void {
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
