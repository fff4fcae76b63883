import * as fs from 'fs';
import * as path from 'path';
import { Composer, CST, Document, isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, Node, Parser, YAMLError, YAMLParseError } from 'yaml';
import { formatPath, SpecError, SpecProblem } from './errors';
import { fileKind, ioProblem } from './io';
import { Platform, SpecOrigin } from './platform';
import { checkSchema } from './schema';
import { checkSemantics } from './checks';
import { checkSpecText } from './text-checks';
import { PlatformSpec } from './types';

/** A spec larger than this is refused before parsing (a platform spec is a few KiB even at 1000 tenants' worth of lines). */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;
/**
 * Values that aliases may add to the spec, counted as if every alias were written out. Stops "billion
 * laughs" (anchors of aliases of anchors) while letting many tenants share one anchored value.
 */
export const MAX_ALIAS_VALUES = 100_000;
/**
 * Collections nested deeper than this are refused before the YAML is built. The deepest field of a spec
 * (`tenants[0].engine.resources.requests.cpu`) is 6 levels down; the limit keeps every later (recursive)
 * stage far from the stack limit, which the YAML library itself reaches at a few hundred levels.
 */
export const MAX_NESTING = 32;
/** YAML tags a spec may carry explicitly (`!!str 0444` is a fine way to quote); others have no meaning here. */
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map(t => `tag:yaml.org,2002:${t}`));

/**
 * Loads and validates a platform spec file. Every problem is reported at once as a `SpecError`
 * whose lines read `platform.yaml:LINE:COL: field.path: what is wrong`.
 *
 * @param file path of the spec; `source` paths resolve relative to its folder
 * @param displayName how messages name the file @default - `file` as given
 */
export function loadPlatformFile(file: string, displayName: string = file): Platform {
  const problem = (message: string): SpecError => new SpecError([{ file: displayName, path: '', message }]);
  const absolute = path.resolve(file);
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // Open first and check what was opened: no window between the check and the read, and a FIFO
    // (opened non-blocking) is refused instead of hanging the synth.
    fd = fs.openSync(absolute, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      throw problem(`the spec is ${fileKind(stat)}, not a regular file (looked at ${absolute}); give the path of the platform spec YAML file`);
    }
    if (stat.size > MAX_SPEC_BYTES) {
      throw problem(
        `the spec is ${stat.size} bytes (${mebibytes(stat.size)}); a spec may be at most ${MAX_SPEC_BYTES} bytes (4 MiB), ` +
          'and a real one is a few KiB: check that this is the platform spec',
      );
    }
    bytes = fs.readFileSync(fd);
  } catch (e) {
    if (e instanceof SpecError) throw e;
    throw problem(`cannot read the spec: ${ioProblem(e, absolute)}; give the path of the platform spec YAML file`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return loadPlatformText(bytes, { file: displayName, baseDir: path.dirname(absolute) });
}

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
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
  const fail = (problems: { offset?: number; path?: string; message: string }[]): never => {
    throw new SpecError(problems.map(p => ({ file, ...(p.offset === undefined ? {} : at(p.offset)), path: p.path ?? '', message: p.message })));
  };

  // The YAML library builds documents recursively; measure the nesting first on its (iterative)
  // parser's tokens, which then become the document.
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const tooDeep = deepestCollection(tokens);
  if (tooDeep !== undefined) {
    throw new SpecError([
      {
        file,
        ...at(tooDeep),
        path: '',
        message:
          `the YAML nests collections more than ${MAX_NESTING} levels deep here; a platform spec needs at most 6 ` +
          '(e.g. tenants[0].engine.resources.requests.cpu), so this is not a platform spec',
      },
    ]);
  }

  let doc: Document.Parsed;
  try {
    doc = composeDocument(tokens, text.length);
  } catch (e) {
    return fail([{ message: `the YAML cannot be read: ${(e as Error).message ?? String(e)}` }]);
  }
  if (doc.errors.length > 0) {
    fail(doc.errors.map(err => ({ offset: err.pos[0], message: yamlMessage(err, text) })));
  }
  const structural = checkNodes(doc);
  if (structural.length > 0) fail(structural);

  let spec: unknown;
  try {
    // Aliases were resolved and counted above, so the library's own (much lower) alias limit is off.
    spec = doc.toJS({ maxAliasCount: -1 });
  } catch (e) {
    return fail([{ message: `the YAML cannot be read: ${(e as Error).message ?? String(e)}` }]);
  }
  keepSparkValueText(doc, spec);
  const locate = (segments: readonly (string | number)[], atKey = false): SpecOrigin => {
    const node = findNode(doc, segments, atKey);
    // An empty document has no node at all: its problems are at the start of the file.
    const pos = node?.range ? at(node.range[0]) : { line: 1, col: 1 };
    return { file, ...pos, path: formatPath(segments) };
  };
  return resolveSpecObject(spec, { ...options, file, locate });
}

/**
 * Spark reads every value as text, so an unquoted number or boolean in `spark.properties` keeps the text
 * the user wrote (`1.10`, `0200`, `0x1F`) rather than YAML's number (which would become "1.1", "200", "31").
 */
function keepSparkValueText(doc: Document.Parsed, spec: unknown): void {
  const holders: (string | number)[][] = [['spark', 'properties']];
  const tenants = (spec as { tenants?: unknown } | null)?.tenants;
  if (Array.isArray(tenants)) tenants.forEach((_, i) => holders.push(['tenants', i, 'spark', 'properties']));
  for (const holder of holders) {
    const node = doc.getIn(holder, true);
    const target = holder.reduce<unknown>((v, s) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined), spec);
    if (!isMap(node) || target === null || typeof target !== 'object' || Array.isArray(target)) continue;
    for (const pair of node.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value) || pair.value.source === undefined) continue;
      const { value } = pair.value;
      if (typeof value !== 'number' && typeof value !== 'boolean') continue;
      Object.defineProperty(target, String(pair.key.value), { value: pair.value.source, enumerable: true, writable: true, configurable: true });
    }
  }
}

/**
 * The first document of the parser's tokens, as `parseDocument` composes it (unique keys), with the
 * library's error for a second document.
 */
function composeDocument(tokens: readonly CST.Token[], length: number): Document.Parsed {
  const [doc, second] = new Composer({ uniqueKeys: true }).compose(tokens, true, length);
  if (second)
    doc.errors.push(
      new YAMLParseError([second.range[0], second.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
    );
  return doc;
}

/** Offset of the first collection nested deeper than {@link MAX_NESTING}, or undefined. Iterative: safe at any depth. */
function deepestCollection(tokens: readonly CST.Token[]): number | undefined {
  const stack: { token: CST.Token | null | undefined; depth: number }[] = [];
  // Depth-first in document order (children pushed in reverse), so the first offending collection is reported.
  for (const token of [...tokens].reverse()) stack.push({ token, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') {
      stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_NESTING) return token.offset;
      const items = token.items as CST.CollectionItem[];
      for (let i = items.length - 1; i >= 0; i--) {
        stack.push({ token: items[i].value, depth: depth + 1 }, { token: items[i].key, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/**
 * What the YAML library accepts but a spec must not use, found before the document becomes data:
 * aliases without an anchor, aliases inside the value they name, aliases that multiply the spec
 * ("billion laughs"), keys that are lists or mappings, and tags other than YAML's core ones.
 * Anchors resolve as in the library: to the last anchor of that name before the alias.
 */
function checkNodes(doc: Document.Parsed): { offset?: number; message: string }[] {
  const problems: { offset?: number; message: string }[] = [];
  const anchors = new Map<string, Node>();
  const sizes = new Map<Node, number>();
  const cap = MAX_ALIAS_VALUES + 1;
  let fromAliases = 0;
  let exhausted = false;
  const offsetOf = (node: unknown): number | undefined => (isNode(node) && node.range ? node.range[0] : undefined);

  // Returns how many values the node stands for, with every alias written out (capped).
  const walk = (node: unknown): number => {
    if (!isNode(node)) return node === null || node === undefined ? 0 : 1;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) {
        problems.push({
          offset: offsetOf(node),
          message: `alias *${node.source} has no anchor &${node.source} before it; ` + `put &${node.source} on an earlier value, or write the value out`,
        });
        return 1;
      }
      const size = sizes.get(target);
      if (size === undefined) {
        problems.push({
          offset: offsetOf(node),
          message: `alias *${node.source} is inside the value anchored as &${node.source}, ` + 'so that value would contain itself; write the value out',
        });
        return 1;
      }
      fromAliases = Math.min(cap, fromAliases + size);
      if (fromAliases > MAX_ALIAS_VALUES && !exhausted) {
        exhausted = true;
        problems.push({
          offset: offsetOf(node),
          message:
            `with alias *${node.source} the anchors and aliases expand to more than ` +
            `${MAX_ALIAS_VALUES} values ("billion laughs"); a spec may use aliases for at most ${MAX_ALIAS_VALUES} values in all: ` +
            'write the values out, or alias larger values fewer times',
        });
      }
      return size;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (node.tag !== undefined && !CORE_TAGS.has(node.tag)) {
      const shown = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      problems.push({
        offset: offsetOf(node),
        message: `the YAML tag ${shown} has no meaning in a platform spec; remove it ` + '(quote a value to keep it text, e.g. "0444")',
      });
    }
    let size = 1;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (pair.key !== null && !isScalar(pair.key) && !isAlias(pair.key)) {
          problems.push({
            offset: offsetOf(pair.key),
            message: `a key here is ${isSeq(pair.key) ? 'a list' : 'a mapping'}; ` + 'keys in a platform spec are plain names such as "namespace"',
          });
        }
        size += walk(pair.key) + walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) size += walk(item);
    }
    size = Math.min(cap, size);
    sizes.set(node, size);
    return size;
  };
  walk(doc.contents);
  return problems;
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
 * Validates a spec written in TypeScript and reads the files it names: the same checks as
 * `platform.yaml` gets, after the compiler has caught misspelt fields (the spec is typed).
 *
 * ```ts
 * const platform = resolvePlatform({ name: 'acme', image: 'registry.example.com/acme:1', roleEnv: 'ACME_EXECUTOR',
 *   proxy: { namespace: 'acme' }, files: [], tenants: [] }, { baseDir: __dirname });
 * ```
 */
export function resolvePlatform(spec: PlatformSpec, options: ResolveOptions): Platform {
  // A platform built in code may start without tenants: they come through `SparkPlatform.addTenant`.
  return resolveSpecObject(spec, options, { allowNoTenants: true });
}

/**
 * Validates a spec object of unknown shape (parsed YAML) and reads the files it names. The one path
 * every spec goes through, so code-built platforms get the same checks as `platform.yaml`.
 */
export function resolveSpecObject(spec: unknown, options: ResolveOptions, rules: { readonly allowNoTenants?: boolean } = {}): Platform {
  const locate = options.locate ?? ((segments: readonly (string | number)[]) => ({ file: options.file, path: formatPath(segments) }));
  const toProblem = (segments: readonly (string | number)[], message: string, atKey = false): SpecProblem => ({
    ...locate(segments, atKey),
    message,
  });

  if (spec === null || spec === undefined) {
    throw new SpecError([toProblem([], 'the spec is empty; it must be a mapping with name, image, roleEnv, proxy, files and tenants')]);
  }
  if (typeof spec !== 'object' || Array.isArray(spec)) {
    const what = Array.isArray(spec)
      ? 'a list'
      : typeof spec === 'string'
        ? `the text ${JSON.stringify(spec.length > 40 ? `${spec.slice(0, 40)}...` : spec)}`
        : `the ${typeof spec} ${String(spec)}`;
    throw new SpecError([
      toProblem([], `the spec must be a mapping of fields (name: ..., image: ..., roleEnv: ..., proxy: ..., files: ..., tenants: ...), not ${what}`),
    ]);
  }
  // Refused characters first: a schema message would only repeat the invisible character back.
  const textProblems = checkSpecText(spec);
  if (textProblems.length > 0) {
    throw new SpecError(textProblems.map(p => toProblem(p.path, p.message, p.atKey)));
  }
  const noTenants = rules.allowNoTenants && Array.isArray((spec as { tenants?: unknown }).tenants) && (spec as { tenants: unknown[] }).tenants.length === 0;
  const schemaProblems = checkSchema(spec).filter(p => !(noTenants && p.path.length === 1 && p.path[0] === 'tenants'));
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
  const encoding = bomEncoding(bytes);
  if (encoding !== undefined) {
    throw new SpecError([
      { file, line: 1, col: 1, path: '', message: `the spec is ${encoding} text (it starts with a ${encoding} byte order mark); save it as UTF-8` },
    ]);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad === undefined) return bytes.toString('utf8');
  const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
  const line = bytes.subarray(0, lineStart).reduce((n, b) => (b === 0x0a ? n + 1 : n), 1);
  const col = bytes.subarray(lineStart, bad).toString('utf8').length + 1;
  const hex = `0x${bytes[bad].toString(16).toUpperCase().padStart(2, '0')}`;
  throw new SpecError([
    {
      file,
      line,
      col,
      path: '',
      message: `byte ${hex} is not valid UTF-8; save the spec as UTF-8 (a byte like this often means Latin-1 or Windows-1252 text)`,
    },
  ]);
}

function bomEncoding(bytes: Buffer): string | undefined {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xfe, 0x00, 0x00)) return 'UTF-32LE';
  if (starts(0x00, 0x00, 0xfe, 0xff)) return 'UTF-32BE';
  if (starts(0xff, 0xfe)) return 'UTF-16LE';
  if (starts(0xfe, 0xff)) return 'UTF-16BE';
  return undefined;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629), or undefined. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    // Length and allowed range of the second byte, by lead byte (excludes overlongs, surrogates, > U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return undefined;
}

/** The YAML library's message, without its own position (we print ours), and clearer for the common cases. */
function yamlMessage(error: YAMLError, text: string): string {
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = /^[^\s:#,[\]{}]+|^"[^"]*"|^'[^']*'/.exec(text.slice(error.pos[0], error.pos[0] + 1024))?.[0];
      return `the key ${key ? `"${key.replace(/^["']|["']$/g, '')}" ` : ''}appears twice in the same mapping; keep one of them`;
    }
    case 'MULTIPLE_DOCS':
      return 'a second YAML document starts here ("---"); a spec is one document, so remove the separator or the second document';
    case 'TAB_AS_INDENT':
      return 'YAML syntax error: a tab indents this line; YAML indents with spaces only';
    default:
      return `YAML syntax error: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
  }
}
