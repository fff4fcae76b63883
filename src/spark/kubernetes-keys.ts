/**
 * Lookups in the catalogue of `spark.kubernetes.*` keys (spark-keys.ts): whether Spark 3.3 to 3.5 reads a
 * key, whether a key was meant for Spark on Kubernetes, and what to suggest for one that is not known.
 */
import { didYouMean, suggestion } from '../platform-spec/did-you-mean';
import { quote } from './message-text';
import {
  KUBERNETES_VOLUME_TYPES,
  NEWER_SPARK_KUBERNETES_KEY_FAMILIES,
  SPARK_KUBERNETES_KEY_FAMILIES,
  SPARK_KUBERNETES_KEYS,
  SparkKubernetesKeyFamily,
} from './spark-keys';

const KUBERNETES_PREFIX = 'spark.kubernetes.';

/** True for a key Spark 3.3, 3.4 or 3.5 reads: an exact key or a member of a key family. */
export function isKnownKubernetesKey(key: string): boolean {
  return EXACT_KEYS.has(key) || FAMILIES.some(family => matchesFamily(family.tokens, key.split('.')));
}

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
export function looksLikeKubernetesKey(key: string): boolean {
  if (key.startsWith(KUBERNETES_PREFIX)) return true;
  const [first, second] = key.split('.');
  return second !== undefined && first.toLowerCase() === 'spark' && didYouMean(second, ['kubernetes']) !== undefined;
}

/** Says why a `spark.kubernetes.*`-like key is not one Spark 3.3 to 3.5 reads, and what would be. */
export function unknownKeyMessage(key: string): string {
  const segments = key.split('.');
  const newer = NEWER_FAMILIES.find(family => matchesFamily(family.tokens, segments));
  if (newer !== undefined) {
    const what = newer.pattern === key ? 'it' : quote(newer.pattern);
    return `unknown Spark on Kubernetes property ${quote(key)} (only Spark ${newer.since} and later read ${what}; Spark 3.3 to 3.5 ignore it)`;
  }
  const volumeFamily = FAMILIES.find(family => matchesFamily(family.tokens, segments, true));
  if (volumeFamily !== undefined) {
    const volumeType = segments[volumeFamily.tokens.findIndex(t => t.kind === 'volumeType')];
    return (
      `unknown Spark on Kubernetes volume type ${quote(volumeType)} in ${quote(key)}${suggestion(volumeType, KUBERNETES_VOLUME_TYPES)}; ` +
      `the type must be ${KUBERNETES_VOLUME_TYPES.slice(0, -1).join(', ')} or ${KUBERNETES_VOLUME_TYPES[KUBERNETES_VOLUME_TYPES.length - 1]}`
    );
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
