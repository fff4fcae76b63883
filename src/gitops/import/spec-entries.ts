import { FileSpec, Role } from '../../platform-spec/types';
import { MountLocator } from './mount-locations';
import { ImportedFile, NamespaceExport } from './namespace-export';

/** Roles an imported file gets; the spec's reviewer narrows them. */
export const IMPORT_DEFAULT_ROLES: readonly Role[] = ['engine', 'executor'];

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
    ...exported.secretKeys.map(s =>
      entry(
        'Secret',
        s.secret,
        s.key,
        { secret: true },
        `from Secret ${s.secret} (${s.type}), key ${s.key}; the value stays in the cluster: store it under \`key\``,
      ),
    ),
  ];
}
