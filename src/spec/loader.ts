import * as fs from 'fs';
import * as path from 'path';
import { Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import { formatPath, SpecError, SpecProblem } from './errors';
import { Platform, SpecOrigin } from './platform';
import { checkSchema } from './schema';
import { checkSemantics } from './semantic-checks';
import { PlatformSpec } from './types';

/** A spec larger than this is refused before parsing (a platform spec is a few KiB even at 1000 tenants' worth of lines). */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;
/** Aliases allowed while building the spec; stops "billion laughs" expansion. */
const MAX_ALIAS_COUNT = 100;

/**
 * Loads and validates a platform spec file. Every problem is reported at once as a `SpecError`
 * whose lines read `platform.yaml:LINE:COL: field.path: what is wrong`.
 *
 * @param file path of the spec; `source` paths resolve relative to its folder
 * @param displayName how messages name the file @default - `file` as given
 */
export function loadPlatformFile(file: string, displayName: string = file): Platform {
  const problem = (message: string): SpecError => new SpecError([{ file: displayName, path: '', message }]);
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw problem('is not a regular file');
    if (stat.size > MAX_SPEC_BYTES) {
      throw problem(`is ${stat.size} bytes; a spec may be at most ${MAX_SPEC_BYTES} bytes (4 MiB)`);
    }
    bytes = fs.readFileSync(file);
  } catch (e) {
    if (e instanceof SpecError) throw e;
    throw problem(`cannot read the spec: ${(e as Error).message}`);
  }
  return loadPlatformText(bytes, { file: displayName, baseDir: path.dirname(path.resolve(file)) });
}

/** Options for `loadPlatformText`. */
export interface LoadOptions {
  /** Name used in messages. @default "platform.yaml" */
  readonly file?: string;
  /** Folder that `source` paths resolve against. */
  readonly baseDir: string;
}

/** Parses and validates spec text (UTF-8 bytes or a string). */
export function loadPlatformText(input: Buffer | string, options: LoadOptions): Platform {
  const file = options.file ?? 'platform.yaml';
  const lineCounter = new LineCounter();
  const text = typeof input === 'string' ? input : decodeUtf8(input, file);
  const at = (offset: number): { line: number; col: number } => lineCounter.linePos(offset);

  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    throw new SpecError([{ file, path: '', message: tooComplex(e) }]);
  }
  const syntax = [...doc.errors];
  if (syntax.length > 0) {
    throw new SpecError(syntax.map(err => ({ file, ...at(err.pos[0]), path: '', message: yamlMessage(err.message) })));
  }

  let spec: unknown;
  try {
    spec = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new SpecError([{ file, path: '', message: tooComplex(e) }]);
  }
  const locate = (segments: readonly (string | number)[], atKey = false): SpecOrigin => {
    const node = findNode(doc, segments, atKey);
    const pos = node?.range ? at(node.range[0]) : {};
    return { file, ...pos, path: formatPath(segments) };
  };
  return resolvePlatform(spec, { ...options, file, locate });
}

/** Options for `resolvePlatform`. */
export interface ResolveOptions {
  /** Folder that `source` paths resolve against. */
  readonly baseDir: string;
  /** Spec file name for messages. @default - none (a spec built in code) */
  readonly file?: string;
  /** Finds a field's place in the source text. @default - no positions */
  readonly locate?: (segments: readonly (string | number)[], atKey?: boolean) => SpecOrigin;
}

/**
 * Validates a spec object (parsed YAML, or one written in TypeScript) and reads the files it names.
 * The one path every spec goes through, so code-built platforms get the same checks as `platform.yaml`.
 */
export function resolvePlatform(spec: unknown, options: ResolveOptions): Platform {
  const locate = options.locate ?? ((segments: readonly (string | number)[]) => ({ file: options.file, path: formatPath(segments) }));
  const toProblem = (segments: readonly (string | number)[], message: string, atKey = false): SpecProblem => ({
    ...locate(segments, atKey),
    message,
  });

  if (spec === null || spec === undefined) {
    throw new SpecError([toProblem([], 'the spec is empty; it must be a mapping with name, image, roleEnv, proxy, files and tenants')]);
  }
  if (typeof spec !== 'object' || Array.isArray(spec)) {
    throw new SpecError([toProblem([], `the spec must be a mapping (name: ..., image: ..., tenants: ...), not ${Array.isArray(spec) ? 'a list' : typeof spec}`)]);
  }
  const schemaProblems = checkSchema(spec);
  if (schemaProblems.length > 0) {
    throw new SpecError(schemaProblems.map(p => toProblem(p.path, p.message, p.atKey)));
  }
  const normalized = stringifySparkValues(spec as PlatformSpec);
  const { files, problems } = checkSemantics(normalized, { baseDir: options.baseDir, problem: toProblem, locate });
  if (problems.length > 0) throw new SpecError(problems);
  return { spec: normalized, files, specFile: options.file, baseDir: options.baseDir, locate };
}

/** YAML lets users write `spark.executor.instances: 8`; Spark reads strings, so numbers and booleans become text. */
function stringifySparkValues(spec: PlatformSpec): PlatformSpec {
  const fix = <T extends { spark?: PlatformSpec['spark'] }>(holder: T): T => {
    const props = holder.spark?.properties;
    if (!props) return holder;
    const asText = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, String(v)]));
    return { ...holder, spark: { ...holder.spark, properties: asText } };
  };
  return { ...fix(spec), tenants: spec.tenants.map(fix) };
}

function findNode(doc: Document, segments: readonly (string | number)[], atKey: boolean): { range?: [number, number, number] | null } | undefined {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  for (const segment of segments) {
    if (!isNode(node)) return keyNode as { range?: [number, number, number] } | undefined;
    if (isMap(node)) {
      const pair = node.items.find(p => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return node;
      keyNode = pair.key;
      node = pair.value ?? pair.key;
    } else {
      const child = (node as { items?: unknown[] }).items?.[Number(segment)];
      if (child === undefined) return node;
      keyNode = child;
      node = child;
    }
  }
  return (atKey && keyNode ? keyNode : node) as { range?: [number, number, number] } | undefined;
}

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lenient = bytes.toString('utf8');
    const index = lenient.indexOf('\uFFFD');
    const before = lenient.slice(0, Math.max(index, 0));
    const line = before.split('\n').length;
    const col = index - before.lastIndexOf('\n');
    throw new SpecError([{ file, line, col, path: '', message: 'is not valid UTF-8 text; save the spec as UTF-8' }]);
  }
}

function yamlMessage(message: string): string {
  // The yaml library appends its own "at line X, column Y" and a code excerpt; we print positions ourselves.
  return `YAML syntax error: ${message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
}

function tooComplex(e: unknown): string {
  if (e instanceof RangeError) return 'the YAML is nested too deeply to be a platform spec';
  const message = (e as Error).message ?? String(e);
  if (/alias/i.test(message)) {
    return `the YAML expands too many aliases (at most ${MAX_ALIAS_COUNT}); write the values out instead of using anchors this way`;
  }
  return `cannot read the YAML: ${message}`;
}
