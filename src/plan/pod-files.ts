import { createHash } from 'crypto';
import { CONFIG_SYNC_CONTAINER, planArguments, readConfigSyncCommand, SOURCE_DIR } from '../sync/config-sync';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../validate/json';
import { JsonObject } from '../validate/types';
import { ManifestObject } from './manifest-set';

/** A file one pod receives: as its `config-sync` init container delivers it, or mounted straight from a ConfigMap key. */
export interface DeliveredFile {
  /** `mountPath/name` in the main container. */
  readonly path: string;
  readonly mountPath: string;
  readonly name: string;
  /** The sha256 the init container checks, or `secret` / `keytab` for Secret content (never in Git). */
  readonly check: string;
  /** Where the bytes come from: `env`, `ConfigMap <name>` or `Secret <name>`. */
  readonly from: string;
  /** The bytes, when the manifests hold them (inline env, or a ConfigMap of the same namespace). */
  readonly content?: Buffer;
}

/**
 * What a pod template's `config-sync` init container delivers, read back from its arguments (the
 * plan `buildConfigSync` in src/sync/config-sync.ts writes, read by `readConfigSyncCommand`: `env VAR
 * CHUNKS SHA MODE TARGET`, `file SOURCE CHECK MODE TARGET`, `seed DIR STAGING`), mapped from staging paths to the main container's
 * mount paths through the volumes both mount. `namespaceObjects` supplies the ConfigMaps the
 * `objects` transport reads from. A pod without that init container delivers nothing.
 */
export function deliveredFiles(podSpec: JsonObject, namespaceObjects: readonly ManifestObject[]): DeliveredFile[] {
  const init = arrayAt(podSpec, 'initContainers').find(c => isJsonObject(c) && c.name === CONFIG_SYNC_CONTAINER);
  const main = arrayAt(podSpec, 'containers')[0];
  if (!isJsonObject(init) || !isJsonObject(main)) return [];
  const command = arrayAt(init, 'command').filter((a): a is string => typeof a === 'string');
  const { operations } = readConfigSyncCommand(command);
  const env = new Map(
    arrayAt(init, 'env')
      .filter(isJsonObject)
      .map(e => [String(e.name), String(e.value ?? '')]),
  );
  const volumeAt = new Map(
    arrayAt(init, 'volumeMounts')
      .filter(isJsonObject)
      .map(m => [String(m.mountPath), String(m.name)]),
  );
  const mountOf = new Map(
    arrayAt(main, 'volumeMounts')
      .filter(isJsonObject)
      .map(m => [String(m.name), String(m.mountPath)]),
  );
  const sources = projectedItems(podSpec);
  const files: DeliveredFile[] = [];
  const deliver = (target: string, check: string, from: string, content?: Buffer) => {
    const slash = target.lastIndexOf('/');
    const staging = target.slice(0, slash);
    const name = target.slice(slash + 1);
    const mountPath = mountOf.get(volumeAt.get(staging) ?? '') ?? staging;
    files.push({ path: `${mountPath}/${name}`, mountPath, name, check, from, content });
  };
  // An operation this reader does not know is skipped (seed writes no file of its own).
  for (const [step, ...fields] of operations) {
    if (step === 'env' && fields.length === 5) {
      const [variable, chunks, sha, , target] = fields;
      const base64 = Array.from({ length: Number(chunks) }, (_, n) => env.get(`${variable}_${n}`) ?? '').join('');
      deliver(target, sha, 'env', Buffer.from(base64, 'base64'));
    } else if (step === 'file' && fields.length === 4) {
      const [source, check, , target] = fields;
      const item = sources.get(source.slice(SOURCE_DIR.length + 1));
      const from = item ? `${item.kind} ${item.name}` : source;
      deliver(target, check, from, item && item.kind === 'ConfigMap' ? configMapValue(namespaceObjects, item.name, item.key) : undefined);
    }
  }
  files.push(...mountedConfigMapFiles(podSpec, main, namespaceObjects));
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Files the main container mounts straight from ConfigMap keys (a `configMap` volume with `items`,
 * as the engine mounts its spark-defaults.conf and executor template): their check is the sha256 of
 * the key's value in the same namespace's ConfigMap, so a changed key is a changed file.
 */
function mountedConfigMapFiles(podSpec: JsonObject, main: JsonObject, namespaceObjects: readonly ManifestObject[]): DeliveredFile[] {
  const volumes = new Map(
    arrayAt(podSpec, 'volumes')
      .filter(isJsonObject)
      .map(v => [String(v.name), v]),
  );
  const files: DeliveredFile[] = [];
  for (const mount of arrayAt(main, 'volumeMounts').filter(isJsonObject)) {
    const ref = objectAt(volumes.get(String(mount.name)), 'configMap');
    if (!ref || mount.subPath !== undefined) continue;
    for (const item of arrayAt(ref, 'items').filter(isJsonObject)) {
      const mountPath = String(mount.mountPath);
      const name = String(item.path);
      const content = configMapValue(namespaceObjects, String(ref.name), String(item.key));
      const check = content ? createHash('sha256').update(content).digest('hex') : `unknown ${String(ref.name)}/${String(item.key)}`;
      files.push({ path: `${mountPath}/${name}`, mountPath, name, check, from: `ConfigMap ${String(ref.name)}`, content });
    }
  }
  return files;
}

/** Projected volume items by path: which ConfigMap or Secret key each source file is. */
function projectedItems(podSpec: JsonObject): Map<string, { kind: 'ConfigMap' | 'Secret'; name: string; key: string }> {
  const items = new Map<string, { kind: 'ConfigMap' | 'Secret'; name: string; key: string }>();
  for (const volume of arrayAt(podSpec, 'volumes').filter(isJsonObject)) {
    for (const source of arrayAt(objectAt(volume, 'projected'), 'sources').filter(isJsonObject)) {
      for (const kind of ['configMap', 'secret'] as const) {
        const ref = objectAt(source, kind);
        if (!ref) continue;
        for (const item of arrayAt(ref, 'items').filter(isJsonObject)) {
          items.set(String(item.path), { kind: kind === 'secret' ? 'Secret' : 'ConfigMap', name: String(ref.name), key: String(item.key) });
        }
      }
    }
  }
  return items;
}

function configMapValue(objects: readonly ManifestObject[], name: string, key: string): Buffer | undefined {
  const configMap = objects.find(o => o.kind === 'ConfigMap' && o.name === name)?.json;
  const text = stringAt(objectAt(configMap, 'data'), key);
  if (text !== undefined) return Buffer.from(text, 'utf8');
  const binary = stringAt(objectAt(configMap, 'binaryData'), key);
  return binary === undefined ? undefined : Buffer.from(binary, 'base64');
}

/** Kinds whose `spec.template` is a pod template: a change to it replaces their pods. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];

/** A workload's pod template (`spec.template`), if it is one. */
export function podTemplateOf(object: ManifestObject): JsonObject | undefined {
  return WORKLOAD_KINDS.includes(object.kind) ? objectAt(objectAt(object.json, 'spec'), 'template') : undefined;
}

/**
 * The pod spec a feature step builds from a fragment (spark-steps' `PodChanges`), read for what it
 * delivers: the fragment's init container, volumes and mounts, with each inline file's plan operation and
 * env added as the step adds them at launch, from the bytes the launching pod holds at the file's source
 * (`launcherFiles`: what that pod receives). A source the launcher does not hold delivers no bytes.
 */
export function fragmentPodSpec(fragment: JsonObject, launcherFiles: readonly DeliveredFile[]): JsonObject {
  const init = objectAt(fragment, 'initContainer') ?? {};
  const { runner, operations } = readConfigSyncCommand(arrayAt(init, 'command').filter((a): a is string => typeof a === 'string'));
  const env: JsonObject[] = [];
  const added: string[][] = [];
  for (const file of arrayAt(fragment, 'inlineFiles').filter(isJsonObject)) {
    const [variable, source, mode, target] = ['variable', 'source', 'mode', 'target'].map(k => String(file[k] ?? ''));
    const content = launcherFiles.find(f => f.path === source)?.content ?? Buffer.alloc(0);
    env.push({ name: `${variable}_0`, value: content.toString('base64') });
    added.push(['env', variable, '1', createHash('sha256').update(content).digest('hex'), mode, target]);
  }
  const plan = [...runner, ...planArguments([...operations, ...added])];
  const optional = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });
  return {
    ...optional('securityContext', objectAt(fragment, 'securityContext')),
    ...optional('automountServiceAccountToken', fragment.automountServiceAccountToken),
    initContainers: [{ ...init, command: plan, env: [...arrayAt(init, 'env'), ...env] }],
    containers: [
      { name: 'main', volumeMounts: arrayAt(fragment, 'volumeMounts'), ...optional('securityContext', objectAt(fragment, 'containerSecurityContext')) },
    ],
    volumes: arrayAt(fragment, 'volumes'),
  };
}
