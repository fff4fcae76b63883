import { createHash } from 'crypto';
import * as k8s from '../../imports/k8s';
import { SpecError } from '../platform-spec/errors';
import { shellVariableFor } from '../name-formats';
import { SpecOrigin } from '../platform-spec/platform';
import { Materializer, Transport } from '../platform-spec/types';
import { IMAGE_BOOTSTRAP, materializerPlanVersion, materializerScript } from './materializer-script';

/** The init container's resources; the quota checks count them in every engine and executor pod (src/pod/tenant-demand.ts). */
export const CONFIG_SYNC_RESOURCES = { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } } as const;
/** A file one pod receives: a spec entry, or a file the package generates (spark-defaults.conf, a pod template). */
export interface SyncFile {
  readonly name: string;
  readonly mountPath: string;
  /** Numeric mode, e.g. 0o444. */
  readonly mode: number;
  readonly secret: boolean;
  /** Key in the ConfigMap or Secret that holds the file (the `objects` transport and all secret files). */
  readonly key: string;
  /** The bytes; absent only for secret files, which always come from the Secret. */
  readonly content?: Buffer;
  readonly sha256?: string;
  readonly preserveImageContent: boolean;
  /** The main container mounts the file's directory read-write. @default false */
  readonly writable?: boolean;
  /** A secret file's format, checked by the init container (a keytab starts with 0x05 0x02). @default - none */
  readonly format?: 'keytab';
  /** Where the entry is declared, for messages. @default - a generated file */
  readonly origin?: SpecOrigin;
}

/** Object names in the pod's namespace that hold file contents. */
export interface SyncSources {
  /** ConfigMap with the spec's non-secret files. */
  readonly filesConfigMap: string;
  /** Secret with the secret files. */
  readonly secret: string;
}

export interface ConfigSyncProps {
  readonly files: readonly SyncFile[];
  readonly transport: Transport;
  /** The unified image: the init container needs no second image. */
  readonly image: string;
  readonly sources: SyncSources;
  readonly securityContext: k8s.SecurityContext;
  /** What the pod is, for messages: `engine Deployment in team-a`. */
  readonly podDescription: string;
  /** Most base64 characters of inline file content one pod may carry. @default ENV_TRANSPORT_BUDGET */
  readonly envBudget?: number;
  /** Run the image's copy of the materializer, or inline the script into the pod spec. @default "image" */
  readonly materializer?: Materializer;
  /**
   * Leave the inline files' env and plan operations to the feature step that launches the pod, which
   * reads the files from its launcher at that moment (`launchInline` lists them). @default false
   */
  readonly inlineAtLaunch?: boolean;
}

/** A file the launching feature step carries inline: what it names the env chunks, and where the file goes. */
export interface LaunchInlineFile {
  readonly variable: string;
  /** Octal, four digits, as the plan writes it. */
  readonly mode: string;
  readonly target: string;
  readonly file: SyncFile;
}

/** The pieces a pod needs to receive its files: add them to the pod spec and to its main container. */
export interface ConfigSyncParts {
  readonly initContainer: k8s.Container;
  readonly volumes: k8s.Volume[];
  /** Mounts for the main container: every file directory at its mountPath, read-only unless a file in it is `writable`. */
  readonly volumeMounts: k8s.VolumeMount[];
  /** Covers every byte, path and mode the pod receives (secret files by name only: their bytes live in the cluster). */
  readonly checksum: string;
  /** With `inlineAtLaunch`, the inline files the launching step adds; otherwise none. */
  readonly launchInline: LaunchInlineFile[];
}

/**
 * Linux caps one env string at 128 KiB (MAX_ARG_STRLEN, counting `NAME=` and the NUL); a chunk of
 * 96 KiB leaves room for the name and keeps each value far from it.
 */
export const ENV_CHUNK_CHARS = 96 * 1024;
/**
 * Inline content per pod: far below the ~2 MiB argv+env limit and the 1.5 MiB etcd request limit, and
 * small enough that a tenant's driver and executor templates (each within this budget) fit the 1 MiB
 * ConfigMap that carries them to the proxy, and that Spark's 1.5 MiB pod template limit holds.
 */
export const ENV_TRANSPORT_BUDGET = 512 * 1024;

/** Where the init container mounts the projected ConfigMap/Secret sources, and stages the shared volumes. */
export const SOURCE_DIR = '/var/run/spark-tenancy/source';
export const STAGING_DIR = '/var/run/spark-tenancy/volumes';
export const CONFIG_SYNC_CONTAINER = 'config-sync';
const SOURCE_VOLUME = 'config-sync-source';

/**
 * Whether the pods of a namespace with this transport read non-secret files from its files ConfigMap:
 * `env` carries them inline, so there the ConfigMap would be bytes nothing reads. Secret files always
 * come from the Secret.
 */
export function readsFilesConfigMap(transport: Transport): boolean {
  return transport !== 'env';
}

/** Builds the `config-sync` init container, its volumes and the main container's mounts for one pod. */
export function buildConfigSync(props: ConfigSyncProps): ConfigSyncParts {
  const directories = groupByDirectory(props.files);
  const inline = (f: SyncFile) => !f.secret && !readsFilesConfigMap(props.transport);
  checkEnvBudget(props.files.filter(inline), props);

  const env: k8s.EnvVar[] = [];
  const operations: string[][] = [];
  const launchInline: LaunchInlineFile[] = [];
  const varNames = new UniqueNames();
  for (const dir of directories) {
    if (dir.preserveImageContent) operations.push(['seed', dir.mountPath, dir.stagingPath]);
    for (const file of dir.files) {
      const target = `${dir.stagingPath}/${file.name}`;
      const mode = file.mode.toString(8).padStart(4, '0');
      if (inline(file) && props.inlineAtLaunch) {
        launchInline.push({ variable: varNames.take(shellVariableFor(`CFG_${file.key}`)), mode, target, file });
      } else if (inline(file)) {
        const chunks = envChunksOf(file.content!);
        const variable = varNames.take(shellVariableFor(`CFG_${file.key}`));
        chunks.forEach((value, i) => env.push({ name: `${variable}_${i}`, value }));
        operations.push(['env', variable, String(chunks.length), file.sha256!, mode, target]);
      } else {
        // Secret bytes live only in the cluster, so there is no hash to check them against: only what
        // the package knows (not empty, and a keytab's format).
        operations.push(['file', `${SOURCE_DIR}/${sourcePath(file)}`, file.secret ? (file.format ?? 'secret') : file.sha256!, mode, target]);
      }
    }
  }

  const projected = projectedSources(
    props.files.filter(f => !inline(f)),
    props.sources,
  );
  const volumes: k8s.Volume[] = directories.map(dir => ({
    name: dir.volumeName,
    emptyDir: dir.secret ? { medium: 'Memory' } : {},
  }));
  if (projected.length > 0) {
    volumes.push({ name: SOURCE_VOLUME, projected: { sources: projected, defaultMode: 0o440 } });
  }

  const initMounts: k8s.VolumeMount[] = directories.map(dir => ({ name: dir.volumeName, mountPath: dir.stagingPath }));
  if (projected.length > 0) initMounts.push({ name: SOURCE_VOLUME, mountPath: SOURCE_DIR, readOnly: true });

  return {
    initContainer: {
      name: CONFIG_SYNC_CONTAINER,
      image: props.image,
      command: [...materializerCommand(props.materializer ?? 'image'), ...planArguments(operations)],
      env: env.length > 0 ? env : undefined,
      volumeMounts: initMounts,
      securityContext: props.securityContext,
      resources: {
        requests: { cpu: k8s.Quantity.fromString(CONFIG_SYNC_RESOURCES.requests.cpu), memory: k8s.Quantity.fromString(CONFIG_SYNC_RESOURCES.requests.memory) },
        limits: { memory: k8s.Quantity.fromString(CONFIG_SYNC_RESOURCES.limits.memory) },
      },
    },
    volumes,
    volumeMounts: directories.map(dir => ({ name: dir.volumeName, mountPath: dir.mountPath, readOnly: dir.writable ? undefined : true })),
    checksum: checksumOf(props.files),
    launchInline,
  };
}

/**
 * The image carries the script (`bootstrap.sh sync`), so a pod spec need not repeat its 3.7 KB; only a
 * spec whose image lacks it inlines it. Either way the plan names its format, which the script checks.
 */
function materializerCommand(materializer: Materializer): string[] {
  return materializer === 'inline' ? ['/bin/sh', '-c', materializerScript(), CONFIG_SYNC_CONTAINER] : [IMAGE_BOOTSTRAP, 'sync'];
}

/**
 * The plan as the materializer reads it (format 2): `version N`, then every operation in one argument,
 * one operation per line and its fields separated by tabs. One argument per field cost a YAML list
 * item (and its indentation) each, in every pod spec and template; the spec refuses tabs and line
 * breaks in every name and path, so neither can occur inside a field.
 */
export function planArguments(operations: readonly (readonly string[])[]): string[] {
  for (const field of operations.flat()) {
    if (/[\t\n]/.test(field)) throw new Error(`config-sync plan: ${JSON.stringify(field)} holds a tab or a line break, which separate the plan's fields`);
  }
  const text = operations.map(op => op.join('\t')).join('\n');
  return ['version', materializerPlanVersion(), ...(text === '' ? [] : [text])];
}

/** A config-sync command read back: what runs the materializer, the plan's format, and its operations. */
export interface ConfigSyncCommand {
  /** Everything before the plan: `/opt/bootstrap.sh sync`, or the inlined script. */
  readonly runner: readonly string[];
  readonly version?: string;
  readonly operations: readonly (readonly string[])[];
}

/**
 * Reads a `config-sync` init container's command as `buildConfigSync` writes it (the inverse of
 * `planArguments`), and as format 1 wrote it (one argument per field), so that `npm run plan` against a
 * baseline from before format 2 still sees the files that baseline delivered.
 */
export function readConfigSyncCommand(command: readonly string[]): ConfigSyncCommand {
  const at = command.indexOf('version');
  if (at < 0) return { runner: command, operations: [] };
  const version = command[at + 1];
  const rest = command.slice(at + 2);
  const operations =
    version === '1'
      ? formatOneOperations(rest)
      : (rest[0] ?? '')
          .split('\n')
          .filter(Boolean)
          .map(line => line.split('\t'));
  return { runner: command.slice(0, at), version, operations };
}

/** Format 1's fields per operation, its name included. */
const FORMAT_ONE_ARITY: ReadonlyMap<string, number> = new Map([
  ['seed', 3],
  ['env', 6],
  ['file', 5],
]);

function formatOneOperations(fields: readonly string[]): string[][] {
  const operations: string[][] = [];
  for (let i = 0; i < fields.length;) {
    const arity = FORMAT_ONE_ARITY.get(fields[i]) ?? 1;
    operations.push(fields.slice(i, i + arity));
    i += arity;
  }
  return operations;
}

/** One emptyDir per distinct mountPath. */
interface Directory {
  readonly mountPath: string;
  readonly volumeName: string;
  readonly stagingPath: string;
  readonly files: SyncFile[];
  readonly secret: boolean;
  readonly preserveImageContent: boolean;
  /** One writable file makes the directory writable: a mount is per directory, not per file. */
  readonly writable: boolean;
}

function groupByDirectory(files: readonly SyncFile[]): Directory[] {
  const byPath = new Map<string, SyncFile[]>();
  for (const file of files) {
    const list = byPath.get(file.mountPath) ?? [];
    list.push(file);
    byPath.set(file.mountPath, list);
  }
  const names = new UniqueNames();
  return [...byPath.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([mountPath, dirFiles]) => {
      const volumeName = names.take(volumeNameFor(mountPath), '-');
      return {
        mountPath,
        volumeName,
        stagingPath: `${STAGING_DIR}/${volumeName}`,
        files: dirFiles,
        // Any secret in a directory keeps the whole directory in memory, never on the node's disk.
        secret: dirFiles.some(f => f.secret),
        preserveImageContent: dirFiles.some(f => f.preserveImageContent),
        writable: dirFiles.some(f => f.writable === true),
      };
    });
}

/** `cfg-` + the path as a DNS label; the prefix keeps clear of the volume names Spark adds itself. */
function volumeNameFor(mountPath: string): string {
  const slug =
    mountPath
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'root';
  if (slug.length <= 50) return `cfg-${slug}`;
  const hash = createHash('sha256').update(mountPath).digest('hex').slice(0, 8);
  return `cfg-${slug.slice(0, 41).replace(/-+$/, '')}-${hash}`;
}

function sourcePath(file: SyncFile): string {
  return `${file.secret ? 'secret' : 'files'}/${file.key}`;
}

function projectedSources(fromObjects: readonly SyncFile[], names: SyncSources): k8s.VolumeProjection[] {
  const items = (pick: (f: SyncFile) => boolean) => fromObjects.filter(pick).map(f => ({ key: f.key, path: sourcePath(f) }));
  const sources: k8s.VolumeProjection[] = [];
  const files = items(f => !f.secret);
  const secrets = items(f => f.secret);
  if (files.length > 0) sources.push({ configMap: { name: names.filesConfigMap, items: files } });
  if (secrets.length > 0) sources.push({ secret: { name: names.secret, items: secrets } });
  return sources;
}

function checkEnvBudget(inline: readonly SyncFile[], props: ConfigSyncProps): void {
  const budget = props.envBudget ?? ENV_TRANSPORT_BUDGET;
  let used = 0;
  for (const file of inline) {
    const size = Math.ceil(file.content!.length / 3) * 4;
    used += size;
    if (used <= budget) continue;
    const what = file.origin ? file.name : `${file.name} (generated, carrying its own files)`;
    const detail = used === size ? `is ${file.content!.length} bytes, ${size} as base64` : `brings the inline total to ${used} base64 characters`;
    throw new SpecError([
      {
        ...(file.origin ?? { path: '' }),
        message: `${what} ${detail} in the ${props.podDescription}, over the env transport budget of ${budget} characters per pod; use "transport: objects" for this platform or tenant`,
      },
    ]);
  }
}

/**
 * A content's base64, cut into env values of at most ENV_CHUNK_CHARS. The same files go to every
 * tenant's pods: each content is encoded once per synth, and every pod shares the very same strings
 * (which also lets later stages recognize them by identity).
 */
const envChunks = new WeakMap<Buffer, readonly string[]>();
function envChunksOf(content: Buffer): readonly string[] {
  let chunks = envChunks.get(content);
  if (chunks === undefined) {
    const base64 = content.toString('base64');
    const parts: string[] = [];
    for (let i = 0; i < base64.length; i += ENV_CHUNK_CHARS) parts.push(base64.slice(i, i + ENV_CHUNK_CHARS));
    chunks = parts.length > 0 ? parts : [''];
    envChunks.set(content, chunks);
  }
  return chunks;
}

function checksumOf(files: readonly SyncFile[]): string {
  const lines = files.map(f => `${f.mountPath}/${f.name} ${f.mode.toString(8)} ${f.secret ? `secret:${f.key}` : f.sha256}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** Hands out names in order, suffixing repeats so that distinct inputs never share a name. */
class UniqueNames {
  private readonly used = new Set<string>();

  take(wanted: string, separator = '_'): string {
    let name = wanted;
    for (let n = 2; this.used.has(name); n++) name = `${wanted}${separator}${n}`;
    this.used.add(name);
    return name;
  }
}
