import * as fs from 'fs';
import * as path from 'path';
import { NamespaceObjects, PodSpecJson, runConfigSync, SandboxResult } from '../../test/harness/pod-sandbox';
import { E2eContext } from './context';
import { KubeObject } from './kubectl';

/** A pod as the API server holds it, with the fields the suite reads. */
export interface PodJson extends KubeObject {
  spec: PodSpecJson & {
    serviceAccountName?: string;
    automountServiceAccountToken?: boolean;
    hostAliases?: { ip: string; hostnames: string[] }[];
    containers: (PodSpecJson['containers'][number] & {
      env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
      args?: string[];
    })[];
    volumes?: (NonNullable<PodSpecJson['volumes']>[number] & { configMap?: { name: string; items?: { key: string; path: string }[] } })[];
  };
}

/** The ConfigMaps and Secrets of a namespace, read from the API server, as a kubelet would see them. */
export function namespaceObjectsFromApi(ctx: E2eContext, namespace: string): NamespaceObjects {
  const configMaps = new Map<string, Map<string, Buffer>>();
  for (const cm of ctx.cluster.admin.list('configmaps', namespace)) {
    const data = new Map<string, Buffer>();
    for (const [k, v] of Object.entries((cm.data as Record<string, string> | undefined) ?? {})) data.set(k, Buffer.from(v, 'utf8'));
    for (const [k, v] of Object.entries((cm.binaryData as Record<string, string> | undefined) ?? {})) data.set(k, Buffer.from(v, 'base64'));
    configMaps.set(cm.metadata.name, data);
  }
  const secrets = new Map<string, Map<string, Buffer>>();
  for (const secret of ctx.cluster.admin.list('secrets', namespace)) {
    const data = new Map<string, Buffer>();
    for (const [k, v] of Object.entries((secret.data as Record<string, string> | undefined) ?? {})) data.set(k, Buffer.from(v, 'base64'));
    secrets.set(secret.metadata.name, data);
  }
  return { configMaps, secrets };
}

/** What the main container of a pod sees at its mounts once the pod's `config-sync` has run. */
export interface ContainerView {
  readonly sync: SandboxResult;
  /** Absolute path in the container → bytes and mode, for config-sync's volumes and mounted ConfigMaps. */
  readonly files: ReadonlyMap<string, { bytes: Buffer; mode: number }>;
  /** The main container's mount paths. */
  readonly mountPaths: readonly string[];
}

/**
 * Runs the pod's real `config-sync` init container in the kubelet-faithful sandbox, and adds what the
 * main container mounts straight from ConfigMaps (configMap and projected volumes).
 */
export function containerView(pod: PodJson, objects: NamespaceObjects): ContainerView {
  const sync = runConfigSync(configSyncPart(pod), objects, { shell: 'dash' });
  const files = new Map<string, { bytes: Buffer; mode: number }>();
  for (const file of sync.listFiles()) files.set(file, { bytes: sync.read(file)!, mode: sync.mode(file)! });
  const main = pod.spec.containers[0];
  for (const mount of main.volumeMounts ?? []) {
    const volume = (pod.spec.volumes ?? []).find(v => v.name === mount.name) as NonNullable<PodJson['spec']['volumes']>[number] | undefined;
    const sources = volume?.configMap ? [{ configMap: volume.configMap }] : volume?.projected?.sources ?? [];
    for (const source of sources) {
      const ref = source.configMap ?? (source as { secret?: { name: string; items?: { key: string; path: string }[] } }).secret;
      if (!ref) continue;
      const data = (source.configMap ? objects.configMaps : objects.secrets).get(ref.name);
      for (const item of ref.items ?? [...(data?.keys() ?? [])].map(key => ({ key, path: key }))) {
        const bytes = data?.get(item.key);
        if (bytes) files.set(path.posix.join(mount.mountPath, item.path), { bytes, mode: 0o444 });
      }
    }
  }
  return { sync, files, mountPaths: (main.volumeMounts ?? []).map(m => m.mountPath) };
}

/**
 * The part of the pod the config-sync sandbox lays out: the volumes the init container mounts (its
 * emptyDirs and its ConfigMap/Secret source), and the main container's mounts of those. What the API
 * server and Spark add besides (the ServiceAccount token volume, Spark's own ConfigMaps and local
 * dirs) is not config-sync's and stays out.
 */
function configSyncPart(pod: PodJson): PodSpecJson {
  const init = (pod.spec.initContainers ?? []).find(c => c.name === 'config-sync');
  // The ServiceAccount admission plugin mounts the token volume (a projected serviceAccountToken) into
  // every container, init containers included: it is the kubelet's, not config-sync's.
  const isConfigSyncVolume = (v: NonNullable<PodSpecJson['volumes']>[number]) => v.emptyDir !== undefined
    || (v.projected !== undefined && v.projected.sources.every(s => s.configMap !== undefined || s.secret !== undefined));
  const ours = new Set((pod.spec.volumes ?? []).filter(isConfigSyncVolume).map(v => v.name));
  const names = new Set((init?.volumeMounts ?? []).map(m => m.name).filter(n => ours.has(n)));
  const main = pod.spec.containers[0];
  return {
    ...pod.spec,
    initContainers: (pod.spec.initContainers ?? []).map(c => ({ ...c, volumeMounts: (c.volumeMounts ?? []).filter(m => names.has(m.name)) })),
    volumes: (pod.spec.volumes ?? []).filter(v => names.has(v.name)),
    containers: [{ ...main, volumeMounts: (main.volumeMounts ?? []).filter(m => names.has(m.name)) }, ...pod.spec.containers.slice(1)],
  };
}

/**
 * Lays the container's files out under `root` (a path P in the pod becomes root + P) and returns a
 * function that rewrites the pod's paths in a text to where the test keeps them: the only change
 * the suite makes to what the package generated.
 */
export function materialize(view: ContainerView, root: string): (text: string) => string {
  for (const [file, { bytes, mode }] of view.files) {
    const at = path.join(root, file);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.writeFileSync(at, bytes, { mode: mode | 0o200 });
  }
  // Longest first, so /a/b is rewritten before /a.
  const prefixes = [...view.mountPaths].sort((a, b) => b.length - a.length);
  // A mount path as a whole path or a path's start: followed by '/', the end, or a separator.
  const patterns = prefixes.map(prefix => new RegExp(`(^|[\\s=:,])${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|$|[\\s:,])`, 'g'));
  return text => patterns.reduce((out, pattern, i) => out.replace(pattern, `$1${root}${prefixes[i]}`), text);
}
