/**
 * What a `kubectl get configmap,secret -o yaml` export holds, as the import sees it: ConfigMap files
 * with their bytes, Secret keys without their values, and what is skipped and why.
 */
import { ObjectSerializer, V1ConfigMap, V1Secret } from '@kubernetes/client-node';
import { parseKubernetesObjects } from './kubernetes-objects';

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
    case 'kubernetes.io/service-account-token':
      return 'a service account token Kubernetes makes';
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson':
      return 'image pull credentials, not a file a pod reads';
    case 'helm.sh/release.v1':
      return "Helm's record of a release";
    default:
      return ownerReason(secret.metadata?.ownerReferences);
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
