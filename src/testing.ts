import { parseAllDocuments } from 'yaml';
import { loadPlatformFile } from './platform-spec/loader';
import { Platform } from './platform-spec/platform';
import { MANIFEST_SUFFIX } from './synth/dist-writer';
import { PlatformApp } from './synth/platform-app';
import { platformApp } from './synth/synth-platform';

/**
 * Test helpers for repositories that use spark-tenancy: synthesize a platform in memory, exactly as
 * `npm run synth` would write it, and get one YAML text per namespace for snapshot tests (or let
 * `snapshotEachNamespace` register them):
 *
 * ```ts
 * const manifests = synthNamespaces(loadPlatformFile('platform.yaml'));
 * for (const [namespace, yaml] of manifests) {
 *   test(namespace, () => expect(yaml).toMatchSnapshot());
 * }
 * ```
 */
export function synthNamespaces(platform: PlatformSource): Map<string, string> {
  const app = appOf(platform);
  const byNamespace = new Map<string, string>();
  for (const [file, yaml] of app.synthManifests()) byNamespace.set(file.slice(0, -MANIFEST_SUFFIX.length), yaml);
  return byNamespace;
}

/**
 * What to synthesize: a loaded platform, the path of a spec file, or a function that builds the
 * constructs into the app it is given (e.g. a `SparkPlatform` with tenants added by `addTenant`).
 */
export type PlatformSource = Platform | string | ((app: PlatformApp) => void);

function appOf(source: PlatformSource): PlatformApp {
  const outdir = '/nonexistent-spark-tenancy-test-outdir';
  if (typeof source === 'function') {
    const app = new PlatformApp({ outdir });
    source(app);
    return app;
  }
  return platformApp(typeof source === 'string' ? loadPlatformFile(source) : source, outdir);
}

/** Options for `snapshotEachNamespace`. */
export interface SnapshotOptions {
  /** Test name for a namespace. @default - the file `npm run synth` writes, `<namespace>.k8s.yaml` */
  readonly testName?: (namespace: string) => string;
}

/**
 * Registers one jest test per namespace of the platform, each matching that namespace's YAML (as
 * `npm run synth` writes it) against a snapshot. A whole test file in a repository that uses
 * spark-tenancy:
 *
 * ```ts
 * import { snapshotEachNamespace } from 'spark-tenancy/testing';
 *
 * snapshotEachNamespace('platform.yaml');
 * ```
 *
 * Call it at the top level of a jest test file (it uses jest's global `test` and `expect`); a spec
 * path is relative to the working folder, which for jest is the project's root. The spec is
 * synthesized once, when the tests are registered, so an invalid spec fails the file with its message.
 */
export function snapshotEachNamespace(platform: PlatformSource, options: SnapshotOptions = {}): void {
  const { test, expect } = globalThis as unknown as {
    test?: (name: string, fn: () => void) => void;
    expect?: (actual: unknown) => { toMatchSnapshot(): void };
  };
  if (!test || !expect) throw new Error('snapshotEachNamespace registers jest tests: call it at the top level of a jest test file');
  const testName = options.testName ?? ((namespace: string) => `${namespace}${MANIFEST_SUFFIX}`);
  for (const [namespace, yaml] of synthNamespaces(platform)) {
    test(testName(namespace), () => expect(yaml).toMatchSnapshot());
  }
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
  return parseAllDocuments(yaml)
    .map(doc => {
      if (doc.errors.length > 0) throw doc.errors[0];
      return doc.toJS() as ManifestObject;
    })
    .filter(o => o !== null);
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
