import { didYouMean, suggestion } from '../spec/did-you-mean';
import { ownedSparkKeys } from './owned-keys';
import {
  KUBERNETES_VOLUME_TYPES,
  NEWER_SPARK_KUBERNETES_KEY_FAMILIES,
  SPARK_KUBERNETES_KEY_FAMILIES,
  SPARK_KUBERNETES_KEYS,
  SparkKubernetesKeyFamily,
} from './spark-keys';

/** One thing wrong with one property. */
export interface PropertyProblem {
  readonly key: string;
  readonly message: string;
}

/** What {@link checkProperties} needs to know about the package's own keys. */
export interface PropertyCheckOptions {
  /**
   * Keys the package sets itself. A map also says what each value comes from; with a plain set the
   * origin is looked up in {@link ownedSparkKeys}.
   */
  readonly owned: ReadonlySet<string> | ReadonlyMap<string, string>;
  /** `spark.override: true`: the spec may replace owned keys. */
  readonly allowOverride: boolean;
}

const KUBERNETES_PREFIX = 'spark.kubernetes.';
const POD_NAME_PREFIX_KEY = 'spark.kubernetes.executor.podNamePrefix';

/**
 * 63 (a DNS label) - 10 (digits of Int.MaxValue, the largest executor id) - 6 (`-exec-`), as Spark 3.3.0
 * enforces. Later releases accept up to 237 (SPARK-39614), but 47 holds on every supported version.
 */
const MAX_POD_NAME_PREFIX_LENGTH = 47;

/**
 * Validates user-supplied properties (platform or tenant), in the order given.
 *
 * Keys must be writable to spark-defaults.conf, owned keys need `spark.override: true`, every
 * `spark.kubernetes.*` key (and near misses such as `spark.kubernets.*` or wrong case) must be one Spark
 * 3.3 to 3.5 reads, values must fit on one line, and `spark.kubernetes.executor.podNamePrefix` must be a
 * DNS label short enough for Spark to append `-exec-<id>`.
 */
export function checkProperties(props: Record<string, string>, opts: PropertyCheckOptions): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  const report = (key: string, message: string) => problems.push({ key, message });

  for (const [key, value] of Object.entries(props)) {
    const keyProblem = keySyntaxProblem(key);
    if (keyProblem !== undefined) {
      // A malformed key would only produce a confusing did-you-mean on top.
      report(key, `property key ${quote(key)} cannot be written to spark-defaults.conf: ${keyProblem}; ${VALID_KEY}`);
    } else if (opts.owned.has(key)) {
      if (!opts.allowOverride) {
        report(key, `${quote(key)} is set by the package from ${ownedOrigin(key, opts.owned)}; set spark.override: true to replace it`);
      }
    } else if (looksLikeKubernetesKey(key) && !isKnownKubernetesKey(key)) {
      report(key, unknownKeyMessage(key));
    }

    const valueProblem = valueSyntaxProblem(value);
    if (valueProblem !== undefined) {
      report(key, `value of ${quote(key)} ${valueProblem}`);
    } else if (key === POD_NAME_PREFIX_KEY) {
      const prefixProblem = podNamePrefixProblem(value);
      if (prefixProblem !== undefined) {
        report(key, `${POD_NAME_PREFIX_KEY} ${quote(value)} ${prefixProblem}; ${VALID_POD_NAME_PREFIX}`);
      }
    }
  }
  return problems;
}

/** True for a key Spark 3.3, 3.4 or 3.5 reads: an exact key or a member of a key family. */
export function isKnownKubernetesKey(key: string): boolean {
  return EXACT_KEYS.has(key) || FAMILIES.some(family => matchesFamily(family.tokens, key.split('.')));
}

/**
 * Checks feature step classes (`spark.kubernetes.{driver,executor}.pod.featureSteps`).
 *
 * Each entry must be a fully qualified Java class name: dot-separated identifiers of ASCII letters,
 * digits, `_` and `$` (binary names such as `Outer$Inner` included), none starting with a digit or being
 * a Java keyword. At least one package segment is required: Spark loads the class by name, and a bare
 * `MyStep` is almost always a forgotten package (ClassNotFoundException at driver start), while classes in
 * the unnamed package are not something a feature step jar should ship. Non-ASCII identifiers, legal in
 * Java, are rejected for the same reason: they are far likelier to be a typo than a real class.
 */
export function checkFeatureStepClasses(classes: readonly string[]): { index: number; message: string }[] {
  const problems: { index: number; message: string }[] = [];
  classes.forEach((className, index) => {
    const problem = classNameProblem(className);
    if (problem !== undefined) {
      problems.push({ index, message: `feature step class ${quote(className)} is not a fully qualified Java class name: ${problem}; ${VALID_CLASS_NAME}` });
    }
  });
  return problems;
}

/**
 * Renders `spark-defaults.conf`: a header comment, then `key value` per line sorted by Unicode code point
 * (deterministic and locale-independent), and a trailing newline.
 *
 * Spark reads the file with `java.util.Properties.load` (UTF-8), so values are escaped as Properties
 * requires: every `\` is doubled (otherwise it would start an escape or join the next line), leading
 * spaces, tabs and form feeds become `\ `, `\t` and `\f`, and a leading `=` or `:` becomes `\=` or `\:`
 * (otherwise Properties would take them as part of the separator). Spark then trims each value, so
 * whitespace at either end still does not reach Spark.
 * An empty value is written as the bare key. Throws on a key or value {@link checkProperties} rejects,
 * rather than write a file Spark would read differently.
 */
export function renderSparkDefaults(props: Record<string, string>): string {
  const keys = Object.keys(props).sort(compareCodePoints);
  const lines = ['# Generated by spark-tenancy. Do not edit.'];
  for (const key of keys) {
    const value = props[key];
    const keyProblem = keySyntaxProblem(key);
    if (keyProblem !== undefined) throw new Error(`cannot render property key ${quote(key)}: ${keyProblem}`);
    const valueProblem = valueSyntaxProblem(value);
    if (valueProblem !== undefined) throw new Error(`cannot render value of ${quote(key)}: it ${valueProblem}`);
    lines.push(value === '' ? key : `${key} ${escapePropertiesValue(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Keys and values in spark-defaults.conf

const VALID_KEY = "keys must be non-empty, contain no whitespace, '=', ':' or '\\', and not start with '#' or '!'";

/** Why Properties would not read the key back as written, or undefined. */
function keySyntaxProblem(key: string): string | undefined {
  if (key === '') return 'it is empty';
  const whitespace = /\s/.exec(key);
  if (whitespace) return `it contains whitespace (${describeChar(whitespace[0])}), which ends a key`;
  const separator = /[=:]/.exec(key);
  if (separator) return `it contains '${separator[0]}', which ends a key`;
  if (key.includes('\\')) return "it contains '\\', which starts an escape";
  if (key.startsWith('#') || key.startsWith('!')) return `it starts with '${key[0]}', which makes the line a comment`;
  return undefined;
}

function valueSyntaxProblem(value: string): string | undefined {
  const lineBreak = /[\r\n]/.exec(value);
  if (lineBreak) return `contains a line break (${describeChar(lineBreak[0])}); spark-defaults.conf holds one property per line, so write the value on a single line`;
  return undefined;
}

/**
 * Escapes a value for Properties: every backslash, the leading whitespace Properties would skip, and a
 * leading '=' or ':', which Properties would take as the separator after the space.
 */
function escapePropertiesValue(value: string): string {
  const escaped = value.replace(/\\/g, '\\\\');
  const leading = /^[ \t\f]*/.exec(escaped)![0];
  const escapedLeading = leading.replace(/[ \t\f]/g, c => (c === ' ' ? '\\ ' : c === '\t' ? '\\t' : '\\f'));
  const rest = escaped.slice(leading.length);
  return escapedLeading + (leading === '' && /^[=:]/.test(rest) ? `\\${rest}` : rest);
}

/** Orders by Unicode code point; plain `<` compares UTF-16 units and misorders characters above U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const l = left.next();
    const r = right.next();
    if (l.done || r.done) return l.done && r.done ? 0 : l.done ? -1 : 1;
    const difference = l.value.codePointAt(0)! - r.value.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
}

// ---------------------------------------------------------------------------------------------------
// Spark on Kubernetes keys

const EXACT_KEYS: ReadonlySet<string> = new Set(SPARK_KUBERNETES_KEYS.map(k => k.key));

type Token =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'segment'; readonly text: string }
  | { readonly kind: 'volumeType'; readonly text: string }
  | { readonly kind: 'rest'; readonly text: string };

interface Family {
  readonly pattern: string;
  readonly since: string;
  readonly tokens: readonly Token[];
}

const toFamily = (f: SparkKubernetesKeyFamily): Family => ({ ...f, tokens: tokenize(f.pattern) });
const FAMILIES: readonly Family[] = SPARK_KUBERNETES_KEY_FAMILIES.map(toFamily);
const NEWER_FAMILIES: readonly Family[] = NEWER_SPARK_KUBERNETES_KEY_FAMILIES.map(toFamily);

/** Reads a family pattern with the placeholder rules documented on `SparkKubernetesKeyFamily`. */
function tokenize(pattern: string): Token[] {
  const parts = pattern.split('.');
  return parts.map((text, i): Token => {
    if (!text.startsWith('<')) return { kind: 'literal', text };
    if (text === '<type>') return { kind: 'volumeType', text };
    return i === parts.length - 1 ? { kind: 'rest', text } : { kind: 'segment', text };
  });
}

/** Whether the key's segments fit the family; `anyVolumeType` accepts any segment as the volume type. */
function matchesFamily(tokens: readonly Token[], segments: readonly string[], anyVolumeType = false): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const segment = segments[i];
    if (segment === undefined) return false;
    switch (token.kind) {
      case 'literal':
        if (segment !== token.text) return false;
        break;
      case 'segment':
        if (segment === '') return false;
        break;
      case 'volumeType':
        if (segment === '' || (!anyVolumeType && !KUBERNETES_VOLUME_TYPES.includes(segment))) return false;
        break;
      case 'rest':
        return segments.slice(i).join('.') !== '';
    }
  }
  return segments.length === tokens.length;
}

/**
 * A key meant for Spark on Kubernetes: `spark.kubernetes.*`, or one whose first two segments are a
 * near miss of it (`Spark.Kubernetes.*`, `spark.kubernets.*`). Spark matches keys case-sensitively and
 * ignores unknown ones, so each of these would be silently dropped.
 */
function looksLikeKubernetesKey(key: string): boolean {
  if (key.startsWith(KUBERNETES_PREFIX)) return true;
  const [first, second] = key.split('.');
  return second !== undefined && first.toLowerCase() === 'spark' && didYouMean(second, ['kubernetes']) !== undefined;
}

/** Says why a `spark.kubernetes.*`-like key is not one Spark 3.3 to 3.5 reads, and what would be. */
function unknownKeyMessage(key: string): string {
  const segments = key.split('.');
  const newer = NEWER_FAMILIES.find(family => matchesFamily(family.tokens, segments));
  if (newer !== undefined) {
    const what = newer.pattern === key ? 'it' : quote(newer.pattern);
    return `unknown Spark on Kubernetes property ${quote(key)} (only Spark ${newer.since} and later read ${what}; Spark 3.3 to 3.5 ignore it)`;
  }
  const volumeFamily = FAMILIES.find(family => matchesFamily(family.tokens, segments, true));
  if (volumeFamily !== undefined) {
    const volumeType = segments[volumeFamily.tokens.findIndex(t => t.kind === 'volumeType')];
    return `unknown Spark on Kubernetes volume type ${quote(volumeType)} in ${quote(key)}${suggestion(volumeType, KUBERNETES_VOLUME_TYPES)}; `
      + `the type must be ${KUBERNETES_VOLUME_TYPES.slice(0, -1).join(', ')} or ${KUBERNETES_VOLUME_TYPES[KUBERNETES_VOLUME_TYPES.length - 1]}`;
  }
  return `unknown Spark on Kubernetes property ${quote(key)}${closestKnownKey(segments)}`;
}

/**
 * ` (did you mean "..."?)` for the closest exact key or family pattern, or a note that there is none.
 *
 * Distances are measured after `spark.kubernetes.`, so the shared prefix does not make unrelated keys look
 * close. A family competes only when each of its fixed segments is itself close to the user's segment at
 * that place; it is then compared filled in with the user's own segments, so a typo in `label` counts the
 * same as a typo in an exact key. The suggestion shows the family pattern, as the user's parts may be wrong.
 */
function closestKnownKey(segments: readonly string[]): string {
  const tail = (parts: readonly string[]) => parts.slice(2).join('.');
  const displayByTail = new Map<string, string>();
  for (const exact of EXACT_KEYS) displayByTail.set(tail(exact.split('.')), exact);
  for (const family of FAMILIES) {
    const filled = fillFamily(family.tokens, segments);
    if (filled !== undefined && !displayByTail.has(tail(filled))) displayByTail.set(tail(filled), family.pattern);
  }
  const match = didYouMean(tail(segments), displayByTail.keys());
  if (match === undefined) return ' (no such key in Spark 3.3, 3.4 or 3.5)';
  const display = displayByTail.get(match)!;
  // The shared did-you-mean wording; the display is its own exact match.
  return suggestion(display, [display]);
}

/**
 * The family's segments with placeholders taken from the user's key, or undefined when a fixed segment
 * (after `spark.kubernetes`) is not close to the user's segment at the same place.
 */
function fillFamily(tokens: readonly Token[], segments: readonly string[]): string[] | undefined {
  const filled: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const segment = segments[i];
    switch (token.kind) {
      case 'literal':
        if (i >= 2 && (segment === undefined || (segment !== token.text && didYouMean(segment, [token.text]) === undefined))) return undefined;
        filled.push(token.text);
        break;
      case 'segment':
        // A missing part is left empty, so `...label.` and `...label` come out as close as can be.
        filled.push(segment ?? '');
        break;
      case 'volumeType':
        filled.push(segment === undefined ? '' : (didYouMean(segment, KUBERNETES_VOLUME_TYPES) ?? token.text));
        break;
      case 'rest':
        filled.push(segments.slice(i).join('.'));
        break;
    }
  }
  return filled;
}

function ownedOrigin(key: string, owned: ReadonlySet<string> | ReadonlyMap<string, string>): string {
  if (owned instanceof Map) {
    const origin = owned.get(key);
    if (origin !== undefined) return origin;
  }
  // Only `spark.executorEnv.<roleEnv>` depends on roleEnv; recover it from the key itself.
  const roleEnv = key.startsWith('spark.executorEnv.') ? key.slice('spark.executorEnv.'.length) : '';
  return ownedSparkKeys(roleEnv, { kerberos: true }).get(key) ?? 'its own configuration';
}

// ---------------------------------------------------------------------------------------------------
// spark.kubernetes.executor.podNamePrefix

const VALID_POD_NAME_PREFIX = `use a lowercase RFC 1123 DNS label of at most ${MAX_POD_NAME_PREFIX_LENGTH} characters `
  + "('a'-'z', '0'-'9' and '-', starting and ending with a letter or digit), because Spark appends "
  + '"-exec-<id>" (up to 16 characters) to make a pod name that fits a 63-character DNS label';

function podNamePrefixProblem(prefix: string): string | undefined {
  if (prefix === '') return 'is empty';
  // Together these cover the whole RFC 1123 label grammar, so each fault is named rather than "invalid".
  const reasons: string[] = [];
  if (prefix.length > MAX_POD_NAME_PREFIX_LENGTH) reasons.push(`has ${prefix.length} characters`);
  if (/[A-Z]/.test(prefix)) reasons.push('contains uppercase letters');
  const invalid = /[^-a-zA-Z0-9]/.exec(prefix);
  if (invalid) reasons.push(`contains ${describeChar(invalid[0])}`);
  if (prefix.startsWith('-')) reasons.push("starts with '-'");
  if (prefix.endsWith('-')) reasons.push("ends with '-'");
  return reasons.length === 0 ? undefined : reasons.join(', ');
}

// ---------------------------------------------------------------------------------------------------
// Feature step class names

const VALID_CLASS_NAME = 'write the package and class as dot-separated Java identifiers, e.g. com.example.MyFeatureStep';
const JAVA_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Reserved keywords, the literals true/false/null, and `_` (a keyword since Java 9): JLS 3.9 and 3.10.3. */
const JAVA_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'abstract', 'assert', 'boolean', 'break', 'byte', 'case', 'catch', 'char', 'class', 'const', 'continue',
  'default', 'do', 'double', 'else', 'enum', 'extends', 'final', 'finally', 'float', 'for', 'goto', 'if',
  'implements', 'import', 'instanceof', 'int', 'interface', 'long', 'native', 'new', 'package', 'private',
  'protected', 'public', 'return', 'short', 'static', 'strictfp', 'super', 'switch', 'synchronized', 'this',
  'throw', 'throws', 'transient', 'try', 'void', 'volatile', 'while', 'true', 'false', 'null', '_',
]);

function classNameProblem(className: string): string | undefined {
  if (className === '') return 'it is empty';
  const whitespace = /\s/.exec(className);
  if (whitespace) return `it contains whitespace (${describeChar(whitespace[0])})`;
  if (className.startsWith('.')) return "it starts with '.'";
  if (className.endsWith('.')) return "it ends with '.'";
  if (className.includes('..')) return "it contains '..'";
  const segments = className.split('.');
  for (const segment of segments) {
    if (JAVA_RESERVED_WORDS.has(segment)) return `segment ${quote(segment)} is a Java keyword`;
    if (/^[0-9]/.test(segment)) return `segment ${quote(segment)} starts with a digit`;
    if (!JAVA_IDENTIFIER.test(segment)) {
      const invalid = /[^A-Za-z0-9_$]/.exec(segment)!;
      return `segment ${quote(segment)} contains ${describeChar(invalid[0])}, which a Java identifier cannot`;
    }
  }
  if (segments.length === 1) return 'it has no package; Spark loads feature steps by fully qualified name';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Message helpers

/** JSON quoting, so control characters show as escapes instead of breaking the message. */
function quote(text: string): string {
  return JSON.stringify(text);
}

function describeChar(char: string): string {
  switch (char) {
    case ' ': return 'a space';
    case '\t': return 'a tab';
    case '\n': return 'a line feed';
    case '\r': return 'a carriage return';
    default: {
      const codePoint = char.codePointAt(0)!;
      const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
      return codePoint > 0x20 && codePoint < 0x7f ? `'${char}'` : name;
    }
  }
}
