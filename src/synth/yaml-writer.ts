import { Yaml } from 'cdk8s';
import { Document, stringify as yamlStringify, ToStringOptions, visit } from 'yaml';
import { isPlainObject } from '../validate/json';

/**
 * Manifest documents as YAML, byte for byte what cdk8s's `Yaml.stringify(doc)` writes, several times
 * faster (`npm run bench` times both).
 *
 * `Yaml.stringify` builds a full `yaml` document tree for every object and asks the library's
 * generic stringifier to decide each scalar's style; at a thousand namespaces that was most of the
 * time synth spent. Manifests are plain JSON trees, and almost every string in them is a plain scalar
 * or an ordinary multi-line text, so this writer emits the block layout itself and decides those
 * cases on its own, with the library's own rules (the same indicator test, the same YAML 1.1 schema
 * tags, the same literal block headers). Every other scalar is rendered once by the library and
 * reused; anything the writer does not model (shared object references, which the library writes as
 * anchors, `undefined`, non-plain objects, keep-chomped or quoted multi-line strings, document
 * markers) makes it hand the whole document to `Yaml.stringify`. The property tests compare both on
 * adversarial input. One writer serves a whole synth: it remembers every distinct key and string.
 *
 * One deliberate difference: a string with a character that YAML 1.1 parsers read as a line break or
 * refuse (NEL, LS, PS, BOM, DEL, C1 controls, U+FFFE/U+FFFF), which the library writes as it is, is
 * written double-quoted with that character escaped (`\x85`, `\u2028`), so that Go's yaml.v2 (kubectl,
 * Argo CD), SnakeYAML (Spark) and the `yaml` library read the same text. Such strings never come from
 * a spec (the loader refuses them) but can from file contents. Likewise a one-line string holding a
 * tab, which the library writes as a plain scalar that YAML 1.1 readers such as PyYAML refuse ("found
 * character '\t' that cannot start any token"): it is written double-quoted, the tab as `\t`.
 */
export class ManifestYamlWriter {
  /** Library renderings of strings and numbers, reused: they do not depend on where the scalar sits. */
  private readonly scalars = new ScalarRenderings();
  private handedOver = 0;

  /** How many documents this writer handed to `Yaml.stringify` whole. */
  public get fallbacks(): number {
    return this.handedOver;
  }

  /** `doc` as one YAML document, equal to `Yaml.stringify(doc)`. */
  public stringify(doc: unknown): string {
    try {
      if (isPlainObject(doc) && Object.keys(doc).length > 0) return new DocumentWriter(this.scalars).document(doc);
    } catch (e) {
      if (!(e instanceof NotModelled)) throw e;
    }
    this.handedOver++;
    return hasYaml11Unsafe(doc) ? stringifyEscaped(doc) : Yaml.stringify(doc);
  }
}

/** Characters the library writes as they are but YAML 1.1 parsers read as line breaks or refuse. */
const YAML11_UNSAFE = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/u;
const YAML11_UNSAFE_ALL = new RegExp(YAML11_UNSAFE.source, 'gu');

/** The escape of one unsafe character, valid in YAML 1.1 and 1.2 double-quoted scalars. */
function escapeUnsafe(ch: string): string {
  const code = ch.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `value` as a double-quoted scalar on one line, with every character YAML parsers might disagree on escaped. */
function escapedDoubleQuoted(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (YAML11_UNSAFE.test(ch) || (code >= 0xd800 && code <= 0xdfff)) out += escapeUnsafe(ch);
    else out += ch;
  }
  return `${out}"`;
}

/** A string the writer double-quotes where the library would not: an unsafe character, or a tab on a single line (which could be plain). */
function needsDoubleQuotes(value: string): boolean {
  return YAML11_UNSAFE.test(value) || (value.includes('\t') && !value.includes('\n'));
}

function hasYaml11Unsafe(value: unknown): boolean {
  if (typeof value === 'string') return needsDoubleQuotes(value);
  if (Array.isArray(value)) return value.some(hasYaml11Unsafe);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => needsDoubleQuotes(k) || hasYaml11Unsafe(v));
  return false;
}

/**
 * The library's rendering of a document it alone models, with every string that holds an unsafe
 * character double-quoted: inside double quotes the raw character can then be replaced by its escape.
 */
function stringifyEscaped(doc: unknown): string {
  const document = new Document(doc, CDK8S_OPTIONS);
  visit(document, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && needsDoubleQuotes(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return document.toString(CDK8S_OPTIONS).replace(YAML11_UNSAFE_ALL, escapeUnsafe);
}

/** cdk8s's options for `yaml.stringify`, so single scalars render exactly as in a whole document. */
const CDK8S_OPTIONS: ToStringOptions & { version: '1.1'; keepUndefined: true } = { keepUndefined: true, lineWidth: 0, version: '1.1' };

/** The library's own test for characters a plain scalar cannot start with, contain or end with. */
const PLAIN_INDICATORS = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
const PRINTABLE_ASCII_LINE = /^[\x20-\x7e]+$/;
/** Longest implicit key the library writes before switching to an explicit `? key`. */
const MAX_IMPLICIT_KEY = 1024;

/**
 * Plain text the library's YAML 1.1 schema would read as another type (`true`, `0x1F`, `1:20`, `~`,
 * ...): its own tag tests, joined into one expression.
 */
const AMBIGUOUS_PLAIN = new RegExp(
  new Document(null, { version: '1.1' }).schema.tags
    .filter(tag => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test)
    .map(tag => {
      const test = tag.test as RegExp;
      if (test.flags !== '') throw new Error(`yaml's ${tag.tag} test /${test.source}/${test.flags} has flags; ManifestYamlWriter cannot join it`);
      return `(?:${test.source})`;
    })
    .join('|'),
);

/** Thrown inside the writer for input it does not model; the caller falls back to the library. */
class NotModelled extends Error {}

/**
 * A multi-line string as the library writes it as a map value: its header (`|`, `|-`, `|2-`) and its
 * body lines without their indentation (`null` for an empty line, which carries no indentation).
 * Manifests repeat the same blocks (pod templates) at the same depth, so each indentation's text is
 * built once.
 */
class BlockScalar {
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly header: string,
    private readonly lines: readonly (string | null)[],
  ) {}

  /** The header line and the body at `indent`, every line ending in a newline. */
  public at(indent: string): string {
    let text = this.texts.get(indent);
    if (text === undefined) {
      text = `${this.header}\n${this.lines.map(line => (line === null ? '\n' : `${indent}${line}\n`)).join('')}`;
      this.texts.set(indent, text);
    }
    return text;
  }
}

class DocumentWriter {
  /** The document's text, in pieces: one join at the end gives a flat string, cheap to write out. */
  private readonly out: string[] = [];
  /** Objects already written in this document: the library would anchor a second reference. */
  private readonly seen = new Set<object>();

  constructor(private readonly scalars: ScalarRenderings) {}

  public document(doc: Record<string, unknown>): string {
    this.map(doc, '', false);
    return this.out.join('');
  }

  /** Writes `obj`'s pairs at `indent`; with `inline`, the first pair continues the current line (after `- `). */
  private map(obj: Record<string, unknown>, indent: string, inline: boolean): void {
    this.enter(obj);
    let first = inline;
    for (const key of Object.keys(obj)) {
      this.out.push(first ? '' : indent, this.scalars.key(key), ':');
      first = false;
      this.value(obj[key], indent);
    }
  }

  /** Writes `arr`'s items at `indent`; with `inline`, the first item continues the current line. */
  private seq(arr: readonly unknown[], indent: string, inline: boolean): void {
    this.enter(arr);
    const inner = `${indent}  `;
    for (let i = 0; i < arr.length; i++) {
      this.out.push(i === 0 && inline ? '- ' : `${indent}- `);
      const item = arr[i];
      if (Array.isArray(item) && item.length > 0) this.seq(item, inner, true);
      else if (isPlainObject(item) && Object.keys(item).length > 0) this.map(item, inner, true);
      else this.scalarOrEmpty(item, inner);
    }
  }

  /** Writes a map value after `key:`; nested collections start on the next line, indented. */
  private value(value: unknown, keyIndent: string): void {
    const inner = `${keyIndent}  `;
    if (Array.isArray(value) && value.length > 0) {
      this.out.push('\n');
      this.seq(value, inner, false);
    } else if (isPlainObject(value) && Object.keys(value).length > 0) {
      this.out.push('\n');
      this.map(value, inner, false);
    } else {
      this.out.push(' ');
      this.scalarOrEmpty(value, inner);
    }
  }

  /** Writes a scalar or an empty collection and ends the line; block scalar bodies go at `bodyIndent`. */
  private scalarOrEmpty(value: unknown, bodyIndent: string): void {
    if (typeof value === 'string') {
      const rendered = this.scalars.string(value);
      if (typeof rendered === 'string') this.out.push(rendered, '\n');
      else this.out.push(rendered.at(bodyIndent));
    } else if (typeof value === 'number') {
      this.out.push(this.scalars.number(value), '\n');
    } else if (typeof value === 'boolean' || value === null) {
      this.out.push(`${value}\n`);
    } else if (Array.isArray(value)) {
      this.enter(value);
      this.out.push('[]\n');
    } else if (isPlainObject(value)) {
      this.enter(value);
      this.out.push('{}\n');
    } else {
      throw new NotModelled();
    }
  }

  private enter(collection: object): void {
    if (this.seen.has(collection)) throw new NotModelled();
    this.seen.add(collection);
  }
}

/** True when the library would write `s` as it is, as a plain scalar. */
function isPlainAsIs(s: string): boolean {
  return PRINTABLE_ASCII_LINE.test(s) && !PLAIN_INDICATORS.test(s) && !DOCUMENT_MARKER.test(s) && !AMBIGUOUS_PLAIN.test(s);
}

/**
 * How each key and string of the output is written, decided once per distinct text: manifests repeat
 * the same keys and most values many times. What the writer does not decide itself is rendered by the
 * library.
 */
class ScalarRenderings {
  private readonly keys = new Map<string, string>();
  private readonly strings = new Map<string, string | BlockScalar>();
  private readonly numbers = new Map<number, string>();

  public key(key: string): string {
    let rendered = this.keys.get(key);
    if (rendered === undefined) {
      rendered = renderKey(key);
      this.keys.set(key, rendered);
    }
    return rendered;
  }

  public string(value: string): string | BlockScalar {
    let rendered = this.strings.get(value);
    if (rendered === undefined) {
      rendered = renderString(value);
      this.strings.set(value, rendered);
    }
    return rendered;
  }

  public number(value: number): string {
    if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value);
    let rendered = this.numbers.get(value);
    if (rendered === undefined) {
      rendered = yamlStringify({ v: value }, CDK8S_OPTIONS).slice('v: '.length, -1);
      this.numbers.set(value, rendered);
    }
    return rendered;
  }
}

/** Characters the library always writes double-quoted and escaped. */
const NEEDS_ESCAPES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** Trailing whitespace after the last line break: the library quotes such a string. */
const WHITESPACE_AFTER_LAST_BREAK = /\n[\t ]+$/;
const TRAILING_WHITESPACE = /[\n\t ]*$/;

/**
 * The common multi-line string (a config file, a pod template) as the library's literal block: it
 * neither starts with a space or a line break (those need an indentation indicator) nor ends in more
 * than one line break (those keep their end, `|+`), and has nothing to escape. Otherwise undefined.
 */
function literalBlockAsIs(value: string): BlockScalar | undefined {
  if (!value.includes('\n') || value[0] === ' ' || value[0] === '\n') return undefined;
  if (NEEDS_ESCAPES.test(value) || WHITESPACE_AFTER_LAST_BREAK.test(value)) return undefined;
  const end = TRAILING_WHITESPACE.exec(value)![0];
  const breakInEnd = end.indexOf('\n');
  if (end === value || (breakInEnd !== -1 && breakInEnd !== end.length - 1)) return undefined;
  const clipped = breakInEnd === -1 ? value : value.slice(0, -1);
  return new BlockScalar(
    breakInEnd === -1 ? '|-' : '|',
    clipped.split('\n').map(line => (line === '' ? null : line)),
  );
}

function renderKey(key: string): string {
  if (key.length <= MAX_IMPLICIT_KEY && isPlainAsIs(key)) return key;
  if (needsDoubleQuotes(key) && key.length <= MAX_IMPLICIT_KEY / 2) return escapedDoubleQuoted(key);
  // Keys the library would write on several lines, as explicit keys, or depending on depth.
  if (key.includes('\n') || DOCUMENT_MARKER.test(key) || key.length > MAX_IMPLICIT_KEY / 2) throw new NotModelled();
  const pair = yamlStringify({ [key]: 0 }, CDK8S_OPTIONS);
  if (!pair.endsWith(': 0\n') || pair.indexOf('\n') !== pair.length - 1) throw new NotModelled();
  return pair.slice(0, -': 0\n'.length);
}

/** How the library writes `value` as a map value, made independent of its indentation. */
function renderString(value: string): string | BlockScalar {
  if (isPlainAsIs(value)) return value;
  if (needsDoubleQuotes(value)) return escapedDoubleQuoted(value);
  if (DOCUMENT_MARKER.test(value)) throw new NotModelled();
  const block = literalBlockAsIs(value);
  if (block) return block;
  const pair = yamlStringify({ v: value }, CDK8S_OPTIONS);
  const [first, ...rest] = pair.slice('v: '.length, -1).split('\n');
  if (rest.length === 0) return first;
  // Only literal blocks that clip or strip their end are modelled; quoted multi-line strings fold
  // with their indentation, and keep-chomped blocks change what follows them.
  if (!/^\|[12]?-?$/.test(first)) throw new NotModelled();
  return new BlockScalar(
    first,
    rest.map(line => (line === '' ? null : line.slice(2))),
  );
}
