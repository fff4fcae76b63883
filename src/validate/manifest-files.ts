import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { MANIFEST_SUFFIX } from '../synth/dist-writer';
import { WHOLE_OBJECT } from './fields';
import { Violation } from './types';

/** One manifest file, parsed. */
export interface ManifestFile {
  readonly file: string;
  /** One entry per YAML document (null for an empty one). */
  readonly documents: unknown[];
  /** YAML syntax errors, which make the API server reject the file before any object is looked at. */
  readonly parseViolations: Violation[];
}

/**
 * Parses multi-document YAML the way Kubernetes reads it: YAML 1.1 (sigs.k8s.io/yaml uses go-yaml v2), so
 * `on`/`yes` are booleans and `0644` is octal, exactly as `kubectl apply` would see them; duplicate keys are errors.
 */
export function parseYamlDocuments(text: string): Array<{ readonly value: unknown; readonly errors: string[] }> {
  return parseAllDocuments(text, { version: '1.1' }).map(document => ({
    value: document.errors.length === 0 ? document.toJS({ maxAliasCount: 100 }) : undefined,
    errors: document.errors.map(error => error.message.split('\n')[0]),
  }));
}

/** Reads and parses one manifest file; `file` is kept as given for messages. */
export function readManifestFile(file: string): ManifestFile {
  const parsed = parseYamlDocuments(fs.readFileSync(file, 'utf8'));
  const parseViolations = parsed.flatMap((document, index) =>
    document.errors.map(message => ({
      file,
      object: `document ${index + 1}`,
      field: WHOLE_OBJECT,
      message: `invalid YAML: ${message}`,
    })),
  );
  return { file, documents: parsed.map(document => document.value ?? null), parseViolations };
}

/** Every `*.k8s.yaml` file directly in `dir`, sorted by file name; throws when `dir` is not a directory. */
export function listManifestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter(name => name.endsWith(MANIFEST_SUFFIX))
    .sort()
    .map(name => path.join(dir, name));
}
