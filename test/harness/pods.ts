import { parse } from 'yaml';
import { ManifestObject } from '../../src/testing';
import { NamespaceObjects, PodSpecJson } from './pod-sandbox';

/** A pod that receives files, found in synthesized manifests. */
export interface FoundPod {
  /** e.g. `Deployment team-a/my-project-engine` or `ConfigMap my-project/my-project-spark-team-a → driver-template.yaml` */
  readonly description: string;
  /** The namespace the pod runs in (a template runs in its tenant's namespace). */
  readonly namespace: string;
  readonly spec: PodSpecJson;
}

/** Deployments, and pod template files carried in ConfigMaps (they run in the tenant namespace). */
export function podsIn(objects: readonly ManifestObject[]): FoundPod[] {
  const pods: FoundPod[] = [];
  for (const o of objects) {
    const where = `${o.metadata.namespace}/${o.metadata.name}`;
    if (o.kind === 'Deployment') {
      const spec = (o.spec as { template: { spec: PodSpecJson } }).template.spec;
      pods.push({ description: `Deployment ${where}`, namespace: o.metadata.namespace!, spec });
    }
    if (o.kind === 'ConfigMap') {
      for (const [key, value] of Object.entries((o.data as Record<string, string> | undefined) ?? {})) {
        if (!key.endsWith('-template.yaml')) continue;
        const pod = parse(value) as { kind: string; spec: PodSpecJson };
        const tenant = (o.metadata.labels as Record<string, string> | undefined)?.['spark-tenancy.dev/tenant'] ?? o.metadata.namespace!;
        pods.push({ description: `ConfigMap ${where} → ${key}`, namespace: tenant, spec: pod.spec });
      }
    }
  }
  return pods;
}

/**
 * What a namespace holds: its ConfigMaps from the manifest, and its Secrets as the cluster would
 * hold them (`clusterSecrets`: Secret name → key → bytes; an ExternalSecret is not a Secret yet).
 */
export function namespaceObjects(
  objects: readonly ManifestObject[],
  clusterSecrets: ReadonlyMap<string, ReadonlyMap<string, Buffer>> = new Map(),
): NamespaceObjects {
  const configMaps = new Map<string, Map<string, Buffer>>();
  const secrets = new Map<string, ReadonlyMap<string, Buffer>>(clusterSecrets);
  for (const o of objects) {
    if (o.kind === 'ConfigMap') {
      const data = new Map<string, Buffer>();
      for (const [k, v] of Object.entries((o.data as Record<string, string> | undefined) ?? {})) data.set(k, Buffer.from(v, 'utf8'));
      for (const [k, v] of Object.entries((o.binaryData as Record<string, string> | undefined) ?? {})) data.set(k, Buffer.from(v, 'base64'));
      configMaps.set(o.metadata.name, data);
    }
    if (o.kind === 'Secret') {
      const data = new Map<string, Buffer>();
      for (const [k, v] of Object.entries((o.data as Record<string, string> | undefined) ?? {})) data.set(k, Buffer.from(v, 'base64'));
      secrets.set(o.metadata.name, data);
    }
  }
  return { configMaps, secrets };
}
