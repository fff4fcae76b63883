/**
 * `npm run import -- <export.yaml>`: migration of a namespace whose files were made by hand. Reads a
 * `kubectl get configmap,secret -n <ns> -o yaml` export, writes each ConfigMap file under
 * `config/<configmap>/<key>`, and prints the `files:` entries for the spec.
 *
 * Secret contents never leave memory: only a secret's name, type and keys are kept, the spec entries
 * reference them (`secret: true`, `key`), and no message quotes the export's text.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { UsageError } from '../cli/command';
import { loadAllYaml, ObjectSerializer, V1ConfigMap, V1KeyToPath, V1PodSpec, V1Secret, V1Volume } from '@kubernetes/client-node';
import { Document, isSeq, YAMLMap, YAMLSeq } from 'yaml';
import { FileSpec, Role } from '../spec/types';

/** Where imported files go unless `--out` says otherwise. */
export const IMPORT_OUTPUT_DIR = 'config';
/** Roles an imported file gets; the spec's reviewer narrows them. */
export const IMPORT_DEFAULT_ROLES: readonly Role[] = ['engine', 'executor'];
/** The comment on a mountPath nobody told us. */
export const MOUNT_PATH_TODO = ' TODO: where the pod reads it';

/** The import command's arguments. */
export const IMPORT_USAGE = 'usage: spark-tenancy import <kubectl-get-export.yaml> [--out config] [--mount-path-from <deployment.yaml>] [--force]';

/** One key of a ConfigMap: a file to keep in Git. */
export interface ImportedFile {
  readonly configMap: string;
  readonly key: string;
  /** The exact bytes: `data` as UTF-8, `binaryData` decoded. */
  readonly content: Buffer;
}

/** One key of a Secret: referenced by name and key, its value never read. */
export interface SecretKeyReference {
  readonly secret: string;
  readonly type: string;
  readonly key: string;
}

/** An object of the export that is not imported, and why. */
export interface SkippedObject {
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}

/** What an export holds, sorted by object name and key so output never depends on export order. */
export interface NamespaceExport {
  /** The namespace the objects came from, when the export says. */
  readonly namespace?: string;
  readonly files: readonly ImportedFile[];
  readonly secretKeys: readonly SecretKeyReference[];
  readonly skipped: readonly SkippedObject[];
}

/**
 * Parses a `kubectl get configmap,secret -o yaml` export (a `List` or multi-document YAML) with
 * `@kubernetes/client-node`, keeping ConfigMap contents and only the keys of Secrets.
 */
export function parseNamespaceExport(text: string, fileName: string): NamespaceExport {
  const files: ImportedFile[] = [];
  const secretKeys: SecretKeyReference[] = [];
  const skipped: SkippedObject[] = [];
  let namespace: string | undefined;
  for (const object of parseKubernetesObjects(text, fileName)) {
    const kind = String(object.kind ?? '');
    const name = String((object.metadata as { name?: unknown } | undefined)?.name ?? '');
    if (kind !== 'ConfigMap' && kind !== 'Secret') {
      skipped.push({ kind: kind || '(no kind)', name, reason: 'not a ConfigMap or Secret' });
      continue;
    }
    if (kind === 'ConfigMap') {
      const configMap = ObjectSerializer.deserialize(object, 'V1ConfigMap') as V1ConfigMap;
      const reason = configMapSkipReason(configMap);
      if (reason) skipped.push({ kind, name, reason });
      else files.push(...configMapFiles(configMap, fileName));
    } else {
      const secret = ObjectSerializer.deserialize(object, 'V1Secret') as V1Secret;
      const reason = secretSkipReason(secret);
      if (reason) skipped.push({ kind, name, reason });
      else secretKeys.push(...secretKeyReferences(secret));
    }
    namespace ??= (object.metadata as { namespace?: string } | undefined)?.namespace;
  }
  return {
    namespace,
    files: files.sort((a, b) => compareText(a.configMap, b.configMap) || compareText(a.key, b.key)),
    secretKeys: secretKeys.sort((a, b) => compareText(a.secret, b.secret) || compareText(a.key, b.key)),
    skipped,
  };
}

/** Code-unit order, the same on every machine (unlike localeCompare). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function configMapSkipReason(configMap: V1ConfigMap): string | undefined {
  if (configMap.metadata?.name === 'kube-root-ca.crt') return 'the cluster CA bundle Kubernetes puts into every namespace';
  return ownerReason(configMap.metadata?.ownerReferences);
}

function secretSkipReason(secret: V1Secret): string | undefined {
  switch (secret.type) {
    case 'kubernetes.io/service-account-token': return 'a service account token Kubernetes makes';
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': return 'image pull credentials, not a file a pod reads';
    case 'helm.sh/release.v1': return "Helm's record of a release";
    default: return ownerReason(secret.metadata?.ownerReferences);
  }
}

function ownerReason(owners: readonly { kind: string; name: string }[] | undefined): string | undefined {
  const owner = owners?.[0];
  return owner ? `made by ${owner.kind}/${owner.name}, not by hand` : undefined;
}

function configMapFiles(configMap: V1ConfigMap, fileName: string): ImportedFile[] {
  const name = configMap.metadata?.name ?? '';
  const files: ImportedFile[] = [];
  for (const [key, value] of Object.entries(configMap.data ?? {})) {
    if (typeof value !== 'string') throw new Error(`${fileName}: ConfigMap ${name} key "${key}" is not a string`);
    files.push({ configMap: name, key, content: Buffer.from(value, 'utf8') });
  }
  for (const [key, value] of Object.entries(configMap.binaryData ?? {})) {
    if (configMap.data && key in configMap.data) throw new Error(`${fileName}: ConfigMap ${name} has key "${key}" in both data and binaryData`);
    if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value.replace(/\s/g, ''))) {
      throw new Error(`${fileName}: ConfigMap ${name} binaryData key "${key}" is not base64`);
    }
    files.push({ configMap: name, key, content: Buffer.from(value, 'base64') });
  }
  return files;
}

/** Keys only: the values are not copied anywhere. */
function secretKeyReferences(secret: V1Secret): SecretKeyReference[] {
  const keys = new Set([...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})]);
  return [...keys].map(key => ({ secret: secret.metadata?.name ?? '', type: secret.type ?? 'Opaque', key }));
}

/**
 * Every Kubernetes object in a YAML text, `List`s flattened. Parse errors name the line but never
 * quote the text: the export holds Secret values.
 */
export function parseKubernetesObjects(text: string, fileName: string): Record<string, unknown>[] {
  let documents: unknown[];
  try {
    documents = loadAllYaml(text);
  } catch (e) {
    const { reason, mark } = e as { reason?: string; mark?: { line: number; column: number } };
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
    throw new Error(`${fileName}: not valid YAML${where}: ${reason ?? 'cannot parse it'}`);
  }
  const objects: Record<string, unknown>[] = [];
  const add = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${fileName}: expected Kubernetes objects, found ${Array.isArray(value) ? 'a list' : typeof value}`);
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.items) && String(object.kind ?? '').endsWith('List')) object.items.forEach(add);
    else objects.push(object);
  };
  documents.forEach(add);
  return objects;
}

/** Where a pod finds a file: the directory and the file's name in it. */
export interface MountLocation {
  readonly mountPath: string;
  readonly name: string;
}

/** Finds where workloads mount a ConfigMap's or Secret's key. */
export type MountLocator = (kind: 'ConfigMap' | 'Secret', objectName: string, key: string) => MountLocation | undefined;

interface VolumeMountRule {
  readonly kind: 'ConfigMap' | 'Secret';
  readonly objectName: string;
  /** key → path in the volume; absent means every key at its own name. */
  readonly items?: ReadonlyMap<string, string>;
  readonly mountPath: string;
  readonly subPath?: string;
}

/**
 * Reads the volumes and volume mounts of the workloads in a YAML text (Deployment, StatefulSet,
 * DaemonSet, Job, CronJob, Pod, ...; `List`s too), including `items`, `subPath` and projected volumes.
 */
export function mountLocatorFromWorkloads(text: string, fileName: string): MountLocator {
  const rules: VolumeMountRule[] = [];
  for (const object of parseKubernetesObjects(text, fileName)) {
    const podSpecJson = podSpecOf(object);
    if (!podSpecJson) continue;
    const podSpec = ObjectSerializer.deserialize(podSpecJson, 'V1PodSpec') as V1PodSpec;
    const volumes = new Map((podSpec.volumes ?? []).map(v => [v.name, v]));
    // Application containers first: what they read is where the file belongs.
    for (const container of [...podSpec.containers ?? [], ...podSpec.initContainers ?? []]) {
      for (const mount of container.volumeMounts ?? []) {
        const volume = volumes.get(mount.name);
        if (!volume) continue;
        for (const source of volumeSources(volume)) rules.push({ ...source, mountPath: mount.mountPath, subPath: mount.subPath || undefined });
      }
    }
  }
  return (kind, objectName, key) => {
    for (const rule of rules) {
      if (rule.kind !== kind || rule.objectName !== objectName) continue;
      const inVolume = rule.items ? rule.items.get(key) : key;
      if (inVolume === undefined) continue;
      let file: string;
      if (!rule.subPath) file = path.posix.join(rule.mountPath, inVolume);
      else if (rule.subPath === inVolume) file = rule.mountPath;
      else if (inVolume.startsWith(`${rule.subPath}/`)) file = path.posix.join(rule.mountPath, inVolume.slice(rule.subPath.length + 1));
      else continue;
      return { mountPath: path.posix.dirname(file), name: path.posix.basename(file) };
    }
    return undefined;
  };
}

function podSpecOf(object: Record<string, unknown>): unknown {
  type PodTemplate = { spec?: unknown };
  const spec = object.spec as { template?: PodTemplate; jobTemplate?: { spec?: { template?: PodTemplate } } } | undefined;
  if (!spec) return undefined;
  if (object.kind === 'Pod') return spec;
  return spec.template?.spec ?? spec.jobTemplate?.spec?.template?.spec;
}

function volumeSources(volume: V1Volume): Omit<VolumeMountRule, 'mountPath' | 'subPath'>[] {
  const itemsOf = (items: V1KeyToPath[] | undefined) => (items ? new Map(items.map(i => [i.key, i.path])) : undefined);
  const sources: Omit<VolumeMountRule, 'mountPath' | 'subPath'>[] = [];
  if (volume.configMap?.name) sources.push({ kind: 'ConfigMap', objectName: volume.configMap.name, items: itemsOf(volume.configMap.items) });
  if (volume.secret?.secretName) sources.push({ kind: 'Secret', objectName: volume.secret.secretName, items: itemsOf(volume.secret.items) });
  for (const projection of volume.projected?.sources ?? []) {
    if (projection.configMap?.name) sources.push({ kind: 'ConfigMap', objectName: projection.configMap.name, items: itemsOf(projection.configMap.items) });
    if (projection.secret?.name) sources.push({ kind: 'Secret', objectName: projection.secret.name, items: itemsOf(projection.secret.items) });
  }
  return sources;
}

/** An imported file's place on disk. */
export interface PlannedFile {
  readonly file: ImportedFile;
  /** Absolute path. */
  readonly target: string;
  /** What is there now. */
  readonly state: 'new' | 'unchanged' | 'different';
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Where each file goes: `<outDir>/<configmap>/<key>`. Names Kubernetes would reject (and so any that
 * could climb out of `outDir`, such as `..`) are refused before anything is written.
 */
export function planImport(files: readonly ImportedFile[], outDir: string): PlannedFile[] {
  const root = path.resolve(outDir);
  return files.map(file => {
    if (!DNS_SUBDOMAIN.test(file.configMap) || file.configMap.length > 253) {
      throw new Error(`refusing ConfigMap "${file.configMap}": not a valid ConfigMap name, so not a safe folder name`);
    }
    if (!CONFIG_KEY.test(file.key) || file.key === '.' || file.key.startsWith('..')) {
      throw new Error(`refusing ConfigMap ${file.configMap} key "${file.key}": not a valid ConfigMap key, and it could point outside ${outDir}`);
    }
    const target = path.join(root, file.configMap, file.key);
    const inside = path.relative(root, target);
    if (inside.startsWith('..') || path.isAbsolute(inside)) throw new Error(`refusing ConfigMap ${file.configMap} key "${file.key}": it would be written outside ${outDir}`);
    return { file, target, state: existingState(target, file.content) };
  });
}

function existingState(target: string, content: Buffer): PlannedFile['state'] {
  if (!fs.existsSync(target)) return 'new';
  return fs.statSync(target).isFile() && fs.readFileSync(target).equals(content) ? 'unchanged' : 'different';
}

/** A `files:` entry for the spec, with what the reviewer should know about it. */
export interface ImportEntry {
  readonly spec: FileSpec;
  /** Where it came from, shown above the entry. */
  readonly note: string;
  /** The mountPath is a placeholder. */
  readonly mountPathUnknown: boolean;
}

/**
 * The spec entries for an export: ConfigMap files with `source` (paths from `sourceOf`), Secret keys
 * with `secret: true` and `key` only. Keys that two objects share get the object's name as a prefix,
 * because the platform keeps all files in one ConfigMap and one Secret per namespace.
 */
export function importEntries(exported: NamespaceExport, sourceOf: (file: ImportedFile) => string, locate: MountLocator = () => undefined): ImportEntry[] {
  const shared = (keys: string[]) => new Set(keys.filter((k, i) => keys.indexOf(k) !== i));
  const sharedFileKeys = shared(exported.files.map(f => f.key));
  const sharedSecretKeys = shared(exported.secretKeys.map(s => s.key));
  const entry = (kind: 'ConfigMap' | 'Secret', objectName: string, key: string, fields: Partial<FileSpec>, note: string): ImportEntry => {
    const location = locate(kind, objectName, key);
    // A secret's value must be stored under `key` by hand, so the entry always says which key.
    const alwaysKey = kind === 'Secret';
    const name = location?.name ?? key;
    const sharedKeys = kind === 'ConfigMap' ? sharedFileKeys : sharedSecretKeys;
    const platformKey = sharedKeys.has(key) ? `${objectName}-${key}` : key;
    return {
      spec: {
        name,
        ...fields,
        // Explicit when it is not simply the file's name, so a renamed file keeps a distinct key.
        ...(alwaysKey || platformKey !== name ? { key: platformKey } : {}),
        mountPath: location?.mountPath ?? `/etc/${objectName}`,
        roles: [...IMPORT_DEFAULT_ROLES],
      },
      note,
      mountPathUnknown: location === undefined,
    };
  };
  return [
    ...exported.files.map(f => entry('ConfigMap', f.configMap, f.key, { source: sourceOf(f) }, `from ConfigMap ${f.configMap}, key ${f.key}`)),
    ...exported.secretKeys.map(s => entry('Secret', s.secret, s.key, { secret: true },
      `from Secret ${s.secret} (${s.type}), key ${s.key}; the value stays in the cluster: store it under \`key\``)),
  ];
}

/** The entries as a `files:` YAML block with comments, ready to merge into the spec. */
export function renderFilesYaml(entries: readonly ImportEntry[], header: string): string {
  const doc = new Document({ files: entries.map(e => e.spec) });
  doc.commentBefore = header.split('\n').map(line => ` ${line}`).join('\n');
  const items = (doc.get('files', true) as YAMLSeq<YAMLMap<string, unknown>>).items;
  items.forEach((item, index) => {
    item.commentBefore = ` ${entries[index].note}`;
    const roles = item.get('roles');
    if (isSeq(roles)) roles.flow = true;
    const mountPath = item.get('mountPath', true);
    if (mountPath && entries[index].mountPathUnknown) mountPath.comment = MOUNT_PATH_TODO;
  });
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}

/** Where `runImport` works and talks. */
export interface ImportIO {
  /** Folder the spec lives in: relative paths and `source`s are relative to it. */
  readonly cwd: string;
  /** The `files:` YAML. */
  readonly out: (text: string) => void;
  /** What was written and skipped. */
  readonly err: (text: string) => void;
}

/** The import command: arguments as after `npm run import --`. Problems throw before anything is written. */
export function runImport(argv: readonly string[], io: ImportIO = processIO()): void {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { out: { type: 'string' }, 'mount-path-from': { type: 'string' }, force: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError(`expected one export file, got ${positionals.length}\n${IMPORT_USAGE}`);
  const resolve = (file: string) => path.resolve(io.cwd, file);
  const exportFile = positionals[0];
  const exported = parseNamespaceExport(readText(resolve(exportFile), exportFile), exportFile);
  const mountsFile = values['mount-path-from'];
  const locate = mountsFile ? mountLocatorFromWorkloads(readText(resolve(mountsFile), mountsFile), mountsFile) : undefined;

  const outDir = values.out ?? IMPORT_OUTPUT_DIR;
  const plan = planImport(exported.files, resolve(outDir));
  const shown = (target: string) => path.relative(io.cwd, target).split(path.sep).join('/');
  const different = plan.filter(p => p.state === 'different');
  if (different.length > 0 && !values.force) {
    throw new Error(`these files exist with other content (use --force to overwrite): ${different.map(p => shown(p.target)).join(', ')}`);
  }
  for (const planned of plan) {
    if (planned.state === 'unchanged') {
      io.err(`unchanged ${shown(planned.target)}\n`);
      continue;
    }
    fs.mkdirSync(path.dirname(planned.target), { recursive: true });
    fs.writeFileSync(planned.target, planned.file.content);
    io.err(`${planned.state === 'new' ? 'wrote' : 'overwrote'} ${shown(planned.target)} (${planned.file.content.length} bytes)\n`);
  }
  for (const reference of exported.secretKeys) io.err(`secret ${reference.secret}/${reference.key}: referenced only, not written\n`);
  for (const skip of exported.skipped) io.err(`skipped ${skip.kind}/${skip.name}: ${skip.reason}\n`);

  const targets = new Map(plan.map(p => [p.file, p.target]));
  const entries = importEntries(exported, file => shown(targets.get(file)!), locate);
  const from = exported.namespace ? `namespace ${exported.namespace} (${exportFile})` : exportFile;
  io.out(renderFilesYaml(entries, [
    `files: entries for the platform spec, imported from ${from}.`,
    'Review them: roles default to engine and executor, and every TODO needs an answer.',
  ].join('\n')));
}

function readText(file: string, shownAs: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${shownAs}: ${(e as Error).message}`);
  }
}

function processIO(): ImportIO {
  return { cwd: process.cwd(), out: text => process.stdout.write(text), err: text => process.stderr.write(text) };
}
