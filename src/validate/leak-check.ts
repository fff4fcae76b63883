import * as fs from 'fs';
import * as path from 'path';
import { isPair, isScalar, parseAllDocuments, visit } from 'yaml';
import { Platform, PlatformFile } from '../platform-spec/platform';

/**
 * Leak check: no bytes of a `secret: true` source may appear in the synthesized output, in any of the
 * encodings a manifest could carry them in: raw (also inside YAML-quoted or folded strings, which are
 * checked after YAML decoding), base64 (standard and URL-safe, at every alignment, also when wrapped
 * over lines) and hex (either case).
 *
 * What counts as a leak: the whole secret, or any WINDOW_BYTES-long run of it (BASE64_WINDOW_BYTES for
 * base64, a whole number of 3-byte groups so each window has one exact encoding at each alignment).
 * Windows catch a partial leak: a truncated copy, or a secret split over several env chunks. Two kinds
 * of window are not evidence and are skipped:
 *  - windows of fewer than MIN_DISTINCT_BYTES distinct byte values (zero padding and other runs that
 *    any binary file encodes the same way);
 *  - windows that the spec itself or a non-secret source also contains, while the secret as a whole is
 *    in neither: the spec publishes them (the example keytab holds the principal `spark.example.com`,
 *    which spark.kerberos.principal names too).
 * A secret whose whole bytes the spec or a non-secret source also holds is still a secret: it is looked
 * for whole and window by window, and a finding says where else the bytes are (copying a secret into a
 * non-secret file publishes it; it does not make it public).
 *
 * The check is a gate: with `allowPlaintextSecrets` the output holds the secrets by design, and the check
 * fails unless the caller says that is accepted (`allowPlaintext`, the CLI's ALLOW_PLAINTEXT_FLAG).
 * 16 bytes is 128 bits: a random window matching by chance is out of the question, and a secret of at
 * least 16 bytes is found from any 16 consecutive bytes of it. A secret shorter than a window is looked
 * for whole (its base64 at each alignment when that still covers at least MIN_BASE64_BYTES bytes).
 */
export const WINDOW_BYTES = 16;
export const BASE64_WINDOW_BYTES = 18;
export const MIN_DISTINCT_BYTES = 6;
export const MIN_BASE64_BYTES = 6;
/** The CLI flag that accepts an output of `allowPlaintextSecrets` (never to be committed). */
export const ALLOW_PLAINTEXT_FLAG = '--allow-plaintext';

/** One secret found in one output file. */
export interface LeakFinding {
  /** The output file, as given (e.g. `dist/team-a.k8s.yaml`). */
  readonly file: string;
  /** 1-based line of the first match in the file; absent when found only in a decoded YAML value. */
  readonly line?: number;
  /** Where in the YAML, when found in a decoded value: `document 3 (Secret team-a/x) data["k"]`. */
  readonly value?: string;
  /** The spec entry: `files[1] app.keytab`. */
  readonly entry: string;
  /** `raw`, `hex`, `base64 (alignment 1)`, `base64url (alignment 0)`. */
  readonly encoding: string;
  /** True when the whole secret matched, false for a window of it. */
  readonly whole: boolean;
  /** Where else the whole secret is: `the spec`, `non-secret files[2] copy.keytab`; empty when nowhere. */
  readonly alsoIn: readonly string[];
}

export interface LeakCheckOptions {
  /** Accept the output of a spec with `allowPlaintextSecrets` (skip the check, pass). @default false */
  readonly allowPlaintext?: boolean;
}

export interface LeakCheckResult {
  /** Why nothing was checked (`allowPlaintextSecrets`, accepted with `allowPlaintext`), or undefined. */
  readonly skipped?: string;
  /** Why the gate fails whatever was found (`allowPlaintextSecrets` without `allowPlaintext`), or undefined. */
  readonly refused?: string;
  /** Secret files whose bytes were looked for. */
  readonly secrets: readonly string[];
  /** Secret files that could not be checked, and why (no source, empty). */
  readonly unchecked: readonly string[];
  /** Output files scanned. */
  readonly files: readonly string[];
  readonly findings: readonly LeakFinding[];
}

/** The spec entry as messages name it: `files[1] app.keytab`. */
export function entryName(file: PlatformFile): string {
  return `files[${file.index}] ${file.name}`;
}

/** True when the gate passes: nothing found, and nothing refused. */
export function leakCheckPassed(result: LeakCheckResult): boolean {
  return result.findings.length === 0 && result.refused === undefined;
}

/**
 * Looks for every secret source of `platform` in every regular file under `outDir`.
 * @param displayDir how messages name `outDir` @default - `outDir` as given
 */
export function checkLeaks(platform: Platform, outDir: string, displayDir: string = outDir, options: LeakCheckOptions = {}): LeakCheckResult {
  const secrets = platform.files.filter(f => f.secret);
  const plaintext =
    `the spec sets allowPlaintextSecrets: true, so ${displayDir} holds the secret files as plaintext Secrets by design ` +
    '(that output must never be committed)';
  if (platform.spec.allowPlaintextSecrets && options.allowPlaintext) {
    return { skipped: `${plaintext}; accepted by ${ALLOW_PLAINTEXT_FLAG}`, secrets: [], unchecked: secrets.map(entryName), files: [], findings: [] };
  }
  // What the spec publishes: every string in it (keys and values), and the non-secret sources, each
  // kept apart so a finding can say which of them also holds the secret.
  const publishers: Publisher[] = [
    { name: 'the spec', text: latin1(stringsOf(platform.spec).map(s => Buffer.from(s, 'utf8'))) },
    ...platform.files.filter(f => !f.secret && f.content).map(f => ({ name: `non-secret ${entryName(f)}`, text: f.content!.toString('latin1') })),
  ];

  const searches: SecretSearch[] = [];
  const unchecked: string[] = [];
  for (const file of secrets) {
    if (!file.content) unchecked.push(`${entryName(file)}: no source (the cluster alone holds it)`);
    else if (file.content.length === 0) unchecked.push(`${entryName(file)}: the source is empty`);
    else searches.push(secretSearch(file, publishers));
  }

  const outputs = listFiles(outDir);
  const findings: LeakFinding[] = [];
  for (const absolute of outputs) {
    const shown = path.join(displayDir, path.relative(outDir, absolute));
    const bytes = fs.readFileSync(absolute);
    for (const search of searches) findings.push(...scanFile(shown, bytes, search));
  }
  return {
    refused: platform.spec.allowPlaintextSecrets
      ? `${plaintext}; pass ${ALLOW_PLAINTEXT_FLAG} to accept that output, or remove allowPlaintextSecrets`
      : undefined,
    secrets: searches.map(s => s.entry),
    unchecked,
    files: outputs.map(o => path.join(displayDir, path.relative(outDir, o))),
    findings,
  };
}

/** Human-readable report lines, one per finding (or the skip/ok summary). */
export function formatLeakReport(result: LeakCheckResult, displayDir: string): string[] {
  if (result.skipped) return [`leak-check: skipped: ${result.skipped}`];
  const lines = result.findings.map(f => {
    const where = f.line !== undefined ? `${f.file}:${f.line}` : `${f.file} (${f.value})`;
    const alsoIn = f.alsoIn.length > 0 ? ` (the same bytes are also in ${f.alsoIn.join(' and ')}, which does not make them public)` : '';
    return `leak-check: ${where}: ${f.whole ? 'the whole of' : 'bytes of'} secret ${f.entry} found ${f.encoding}${alsoIn}`;
  });
  for (const u of result.unchecked) lines.push(`leak-check: note: not checked: ${u}`);
  if (result.findings.length > 0) {
    lines.push(
      `leak-check: ${result.findings.length} leak(s) of secret files in ${displayDir}; remove the secret bytes from the output ` +
        '(secret files reach pods only through the Secret the cluster holds)',
    );
  } else {
    lines.push(
      `leak-check: no secret bytes in ${displayDir}: ${result.secrets.length} secret file(s) ` +
        `(${result.secrets.join(', ') || 'none'}) against ${result.files.length} file(s), in windows of ${WINDOW_BYTES} bytes, raw, base64 and hex`,
    );
  }
  if (result.refused) lines.push(`leak-check: failed: ${result.refused}`);
  return lines;
}

// ---------------------------------------------------------------------------------------------------

/**
 * Where a needle is looked for: the file's bytes (raw), with whitespace removed (base64, also when
 * wrapped over lines), and that lowercased (hex in either case, also when spaced out like a hex dump).
 */
type Space = 'bytes' | 'compact' | 'compactLower';

interface Needle {
  readonly space: Space;
  readonly text: string;
  readonly encoding: string;
  readonly whole: boolean;
}

/** A text the spec publishes: the spec's own strings, or a non-secret source. */
interface Publisher {
  readonly name: string;
  readonly text: string;
}

interface SecretSearch {
  readonly entry: string;
  /** Publishers that hold the whole secret. */
  readonly alsoIn: readonly string[];
  readonly needles: readonly Needle[];
  /** Needles grouped by space and length, for one pass per group over a file. */
  readonly groups: ReadonlyMap<string, NeedleGroup>;
}

interface NeedleGroup {
  readonly space: Space;
  readonly length: number;
  readonly byText: Map<string, Needle>;
  /** First four characters of each needle as one number: a cheap filter before building a substring. */
  readonly prefixes: Set<number>;
}

const prefixKey = (text: string, at: number): number =>
  ((text.charCodeAt(at) << 24) | (text.charCodeAt(at + 1) << 16) | (text.charCodeAt(at + 2) << 8) | text.charCodeAt(at + 3)) >>> 0;

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v)]);
  return value === undefined || value === null ? [] : [String(value)];
}

function latin1(buffers: Buffer[]): string {
  return Buffer.concat(buffers.flatMap(b => [b, Buffer.from([0])])).toString('latin1');
}

function distinctBytes(bytes: Buffer): number {
  return new Set(bytes).size;
}

function secretSearch(file: PlatformFile, publishers: readonly Publisher[]): SecretSearch {
  const content = file.content!;
  const needles: Needle[] = [];
  const publishing = (bytes: Buffer) => publishers.filter(p => p.text.includes(bytes.toString('latin1'))).map(p => p.name);
  const alsoIn = publishing(content);
  // Windows of a secret that is published whole are its bytes all the same: only the spec's own
  // publications inside a secret that is not (a principal's host name in a keytab) are skipped.
  const isPublic = (bytes: Buffer) => alsoIn.length === 0 && publishing(bytes).length > 0;
  const add = (bytes: Buffer, whole: boolean, alignment: number) => {
    const b64 = bytes.toString('base64');
    const url = b64.replace(/\+/g, '-').replace(/\//g, '_');
    needles.push({ space: 'compact', text: b64, encoding: `base64 (alignment ${alignment})`, whole });
    if (url !== b64) needles.push({ space: 'compact', text: url, encoding: `base64url (alignment ${alignment})`, whole });
  };

  needles.push({ space: 'bytes', text: content.toString('latin1'), encoding: 'raw', whole: true });
  needles.push({ space: 'compactLower', text: content.toString('hex'), encoding: 'hex', whole: true });
  // The whole secret in base64 at each alignment: the part of its encoding that does not depend on
  // the bytes around it (whole 3-byte groups after dropping 0, 1 or 2 leading bytes).
  for (let k = 0; k < 3; k++) {
    const groups = Math.floor((content.length - k) / 3);
    if (groups * 3 >= MIN_BASE64_BYTES) add(content.subarray(k, k + groups * 3), true, k);
  }
  for (let i = 0; i + WINDOW_BYTES <= content.length && content.length > WINDOW_BYTES; i++) {
    const window = content.subarray(i, i + WINDOW_BYTES);
    if (distinctBytes(window) < MIN_DISTINCT_BYTES || isPublic(window)) continue;
    needles.push({ space: 'bytes', text: window.toString('latin1'), encoding: 'raw', whole: false });
    needles.push({ space: 'compactLower', text: window.toString('hex'), encoding: 'hex', whole: false });
  }
  for (let i = 0; i + BASE64_WINDOW_BYTES <= content.length && content.length > BASE64_WINDOW_BYTES; i++) {
    const window = content.subarray(i, i + BASE64_WINDOW_BYTES);
    if (distinctBytes(window) < MIN_DISTINCT_BYTES || isPublic(window)) continue;
    add(window, false, i % 3);
  }

  const groups = new Map<string, NeedleGroup>();
  for (const needle of needles) {
    const id = `${needle.space}/${needle.text.length}`;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { space: needle.space, length: needle.text.length, byText: new Map(), prefixes: new Set() }));
    // Whole-secret needles first, so a full leak is reported as such.
    if (!group.byText.has(needle.text) || needle.whole) group.byText.set(needle.text, needle);
    if (needle.text.length >= 4) group.prefixes.add(prefixKey(needle.text, 0));
  }
  return { entry: entryName(file), alsoIn, needles, groups };
}

interface Haystack {
  readonly bytes: string;
  readonly compact: string;
  readonly compactLower: string;
  /** Offset in `bytes` of each character of `compact`. */
  readonly compactOffsets: Int32Array;
}

function haystack(text: string): Haystack {
  const offsets = new Int32Array(text.length);
  const parts: string[] = [];
  let n = 0;
  let runStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text.charCodeAt(i);
    const ws = c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x5c; /* '\' of YAML line folds */
    if (i === text.length || ws) {
      if (i > runStart) {
        parts.push(text.slice(runStart, i));
        for (let j = runStart; j < i; j++) offsets[n++] = j;
      }
      runStart = i + 1;
    }
  }
  const compact = parts.join('');
  return { bytes: text, compact, compactLower: compact.toLowerCase(), compactOffsets: offsets.subarray(0, n) };
}

/** First match per encoding of each secret in one haystack: [needle, offset in `bytes`]. */
function search(hay: Haystack, secret: SecretSearch): [Needle, number][] {
  const found = new Map<string, [Needle, number]>();
  for (const group of secret.groups.values()) {
    const text = hay[group.space];
    const filtered = group.length >= 4;
    for (let i = 0; i + group.length <= text.length; i++) {
      if (filtered && !group.prefixes.has(prefixKey(text, i))) continue;
      const needle = group.byText.get(text.substr(i, group.length));
      if (needle === undefined) continue;
      const offset = group.space === 'bytes' ? i : hay.compactOffsets[i];
      const previous = found.get(needle.encoding);
      // Keep the first place; a whole-secret match outranks a window.
      if (!previous || (needle.whole && !previous[0].whole) || (needle.whole === previous[0].whole && offset < previous[1])) {
        found.set(needle.encoding, [needle, offset]);
      }
    }
  }
  return [...found.values()];
}

function scanFile(shown: string, bytes: Buffer, secret: SecretSearch): LeakFinding[] {
  const text = bytes.toString('latin1');
  const best = new Map<string, LeakFinding>();
  const keep = (finding: LeakFinding) => {
    const previous = best.get(finding.encoding);
    if (!previous || (finding.whole && !previous.whole)) best.set(finding.encoding, finding);
  };
  for (const [needle, offset] of search(haystack(text), secret)) {
    keep({ file: shown, line: lineOf(text, offset), entry: secret.entry, encoding: needle.encoding, whole: needle.whole, alsoIn: secret.alsoIn });
  }
  // Decoded YAML values: a secret inside a quoted string with escapes ("\x05\x02...") or a folded or
  // indented block scalar is not in the file's bytes as such. Values written out verbatim are skipped.
  for (const { where, value } of yamlStrings(bytes.toString('utf8'))) {
    // The value's characters as UTF-8 bytes, and (when every one is below U+0100, as `\xNN` escapes
    // give) one byte per character.
    const decodings = [Buffer.from(value, 'utf8').toString('latin1'), ...(/^[\u0000-\u00ff]*$/.test(value) ? [value] : [])];
    for (const decoded of decodings) {
      for (const [needle] of search(haystack(decoded), secret)) {
        keep({ file: shown, value: where, entry: secret.entry, encoding: needle.encoding, whole: needle.whole, alsoIn: secret.alsoIn });
      }
    }
  }
  return [...best.values()];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Every string scalar (keys and values) of every YAML document in the text, with where it is. */
function yamlStrings(text: string): { where: string; value: string }[] {
  const out: { where: string; value: string }[] = [];
  parseAllDocuments(text).forEach((doc, index) => {
    if (!('contents' in doc)) return;
    const object = doc.toJS({ maxAliasCount: -1 }) as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
    const label = object?.kind ? `${object.kind} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name ?? ''}` : '';
    visit(doc, {
      Scalar(_, node, ancestry) {
        if (!isScalar(node) || typeof node.value !== 'string') return;
        if (node.range && text.slice(node.range[0], node.range[1]) === node.value) return; // verbatim: the byte scan saw it
        const keys = ancestry.filter(isPair).map(p => String(isScalar(p.key) ? p.key.value : ''));
        out.push({ where: `document ${index + 1}${label ? ` (${label})` : ''} ${keys.join('.')}`.trim(), value: node.value });
      },
    });
  });
  return out;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
