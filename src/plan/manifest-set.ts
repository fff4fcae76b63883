import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MANIFEST_SUFFIX } from '../synth/dist-writer';
import { parseYamlDocuments } from '../validate/manifest-files';
import { isJsonObject } from '../validate/json';
import { JsonObject } from '../validate/types';

/** One API object of a manifest file, with the YAML text it was read from. */
export interface ManifestObject {
  /** `Kind namespace/name` (or `Kind name` for a cluster-scoped object): how plans name it. */
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly json: JsonObject;
  /** The document's text as it stands in the file. */
  readonly text: string;
}

/** One manifest file: `<namespace>.k8s.yaml`, named here by its namespace (the file name without the suffix). */
export interface ManifestFileSet {
  readonly namespace: string;
  readonly bytes: number;
  readonly objects: readonly ManifestObject[];
  /** Documents that are not API objects, or not YAML: shown as drift. */
  readonly unreadable: readonly string[];
}

/** The manifests on one side of a plan, by namespace. */
export type ManifestSet = Map<string, ManifestFileSet>;

/** Where the committed side came from, and why it is empty when it is. */
export interface Baseline {
  readonly source: string;
  readonly files: Map<string, string>;
  /** Set when the baseline could not be read: everything is then planned as new. */
  readonly missing?: string;
}

/** `Kind namespace/name`, the one way plans name an object. */
export function objectId(kind: string, name: string, namespace?: string): string {
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

/** File name → its YAML, with the objects it was rendered from when synth made it (nothing to parse then). */
export type ManifestSource = ReadonlyMap<string, string | { readonly yaml: string; readonly documents: readonly unknown[] }>;

/**
 * Parses manifest files into objects, per namespace. A document whose text is in `known` (a text →
 * object map of the other side) is that object without parsing: the same text reads the same. Only
 * files named by `only` are read, when given.
 */
export function parseManifests(files: ManifestSource, known: ReadonlyMap<string, JsonObject> = new Map(), only?: (file: string) => boolean): ManifestSet {
  const set: ManifestSet = new Map();
  for (const [file, source] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (only && !only(file)) continue;
    const yaml = typeof source === 'string' ? source : source.yaml;
    const rendered = typeof source === 'string' ? undefined : source.documents;
    const namespace = file.slice(0, -MANIFEST_SUFFIX.length);
    const objects: ManifestObject[] = [];
    const unreadable: string[] = [];
    // synth joins documents with `---` lines; a document's own lines never start with `---` (block scalars are indented).
    const texts = yaml.split(/^---\n/m).filter(text => text.trim() !== '');
    const fromSynth = rendered && rendered.length === texts.length ? rendered : undefined;
    texts.forEach((text, index) => {
      const document = fromSynth || known.has(text) ? undefined : parseYamlDocuments(text)[0];
      const json = fromSynth ? fromSynth[index] : (known.get(text) ?? document?.value);
      const metadata = isJsonObject(json) ? json.metadata : undefined;
      if (!isJsonObject(json) || typeof json.kind !== 'string' || !isJsonObject(metadata) || typeof metadata.name !== 'string') {
        unreadable.push(`document ${index + 1} of ${file}${document?.errors.length ? `: ${document.errors[0]}` : ': not an API object'}`);
        return;
      }
      const ns = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
      objects.push({ id: objectId(json.kind, metadata.name, ns), kind: json.kind, name: metadata.name, namespace: ns, json, text });
    });
    set.set(namespace, { namespace, bytes: Buffer.byteLength(yaml, 'utf8'), objects, unreadable });
  }
  return set;
}

/** Text → object of every document in a set, for `parseManifests`'s `known`. */
export function documentsByText(set: ManifestSet): Map<string, JsonObject> {
  return new Map([...set.values()].flatMap(file => file.objects.map(o => [o.text, o.json] as const)));
}

/** The manifests in a folder on disk; a missing or unreadable folder is a baseline with nothing in it, and says why. */
export function readBaselineDir(dir: string): Baseline {
  const source = `${dir.replace(/\/+$/, '')}/`;
  try {
    const names = fs
      .readdirSync(dir)
      .filter(name => name.endsWith(MANIFEST_SUFFIX))
      .sort();
    if (names.length === 0) return { source, files: new Map(), missing: `${source} holds no *${MANIFEST_SUFFIX} manifests` };
    return { source, files: new Map(names.map(name => [name, fs.readFileSync(path.join(dir, name), 'utf8')])) };
  } catch (e) {
    return { source, files: new Map(), missing: `cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
}

/**
 * The manifests of `dir` as committed at `ref`, read with `git ls-tree` and `git show` in `repoDir`,
 * so the working tree (and an uncommitted synth) does not matter. An unknown ref is an error, not an
 * empty baseline: a typo must not plan the whole fleet as new.
 */
export function readBaselineAtRef(repoDir: string, ref: string, dir: string): Baseline {
  const git = (...args: string[]) => execFileSync('git', ['-C', repoDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    throw new Error(`--against ${ref}: no such commit in ${repoDir}`);
  }
  // Paths relative to the repository's top, as git ls-tree and git show name them.
  const top = git('rev-parse', '--show-toplevel').trim();
  const relative = path.relative(top, path.resolve(repoDir, dir)).split(path.sep).join('/');
  const source = `${ref}:${relative}/`;
  let listed: string[];
  try {
    listed = git('ls-tree', '--name-only', `${ref}:${relative}`, '--').split('\n');
  } catch {
    return { source, files: new Map(), missing: `${source} does not exist at ${ref}` };
  }
  const names = listed.filter(name => name.endsWith(MANIFEST_SUFFIX)).sort();
  if (names.length === 0) return { source, files: new Map(), missing: `${source} holds no *${MANIFEST_SUFFIX} manifests` };
  return { source, files: new Map(names.map(name => [name, git('show', `${ref}:${relative}/${name}`)])) };
}
