/** Where the pods of a namespace read each ConfigMap or Secret key, from its workloads' volumes and mounts. */
import * as path from 'path';
import { ObjectSerializer, V1KeyToPath, V1PodSpec, V1Volume } from '@kubernetes/client-node';
import { parseKubernetesObjects } from './kubernetes-objects';

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
    for (const container of [...(podSpec.containers ?? []), ...(podSpec.initContainers ?? [])]) {
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
