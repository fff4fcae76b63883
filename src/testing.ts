import { parseAllDocuments } from 'yaml';
import { SparkPlatform } from './constructs/spark-platform';
import { loadPlatformFile } from './spec/loader';
import { Platform } from './spec/platform';
import { PlatformApp } from './synth/platform-app';

/**
 * Test helpers for repositories that use spark-tenancy: synthesize a platform in memory, exactly as
 * `npm run synth` would write it, and get one YAML text per namespace for snapshot tests:
 *
 * ```ts
 * const manifests = synthNamespaces(loadPlatformFile('platform.yaml'));
 * for (const [namespace, yaml] of manifests) {
 *   test(namespace, () => expect(yaml).toMatchSnapshot());
 * }
 * ```
 */
export function synthNamespaces(platform: Platform | string): Map<string, string> {
  const loaded = typeof platform === 'string' ? loadPlatformFile(platform) : platform;
  const app = new PlatformApp({ outdir: '/nonexistent-spark-tenancy-test-outdir' });
  new SparkPlatform(app, 'platform', { platform: loaded });
  const byNamespace = new Map<string, string>();
  for (const [file, yaml] of app.synthManifests()) byNamespace.set(file.replace(/\.k8s\.yaml$/, ''), yaml);
  return byNamespace;
}

/** A Kubernetes object as plain JSON. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** Parses a multi-document manifest with the real `yaml` parser; a parse error throws. */
export function parseManifest(yaml: string): ManifestObject[] {
  return parseAllDocuments(yaml).map(doc => {
    if (doc.errors.length > 0) throw doc.errors[0];
    return doc.toJS() as ManifestObject;
  }).filter(o => o !== null);
}

/** The one object of a kind and name in a manifest; throws when it is not there. */
export function findObject(objects: readonly ManifestObject[], kind: string, name: string): ManifestObject {
  const found = objects.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) {
    const have = objects.map(o => `${o.kind}/${o.metadata.name}`).join(', ');
    throw new Error(`no ${kind}/${name} in the manifest (it has ${have})`);
  }
  return found;
}
