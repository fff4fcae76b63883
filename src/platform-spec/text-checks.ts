/**
 * Characters no spec string may carry: each is read differently by some consumer of the output.
 * YAML 1.1 parsers (libyaml, Go's yaml.v2 under sigs.k8s.io/yaml in kubectl and Argo CD, Spark's
 * SnakeYAML) read NEL, LS and PS as line breaks where the `yaml` library (YAML 1.2) reads ordinary
 * text; `java.util.Properties` ends a line at CR and LF; the byte order mark, C0 and C1 controls, DEL
 * and U+FFFE/U+FFFF are refused or dropped by one parser and kept by another. Lone surrogates are not
 * text at all. A tab is legal only in a Spark property value (spark-defaults.conf escapes it).
 */
const REFUSED = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
const REFUSED_WITH_TAB = new RegExp(`\\t|${REFUSED.source}`, 'u');

const NAMES: Record<number, string> = {
  0x09: 'TAB',
  0x0a: 'LINE FEED',
  0x0d: 'CARRIAGE RETURN',
  0x85: 'NEXT LINE (NEL)',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0xfeff: 'BYTE ORDER MARK',
  0x7f: 'DELETE',
};

/** One refused character: where (path segments), whether in the key, and the message. */
export interface TextProblem {
  readonly path: (string | number)[];
  readonly atKey: boolean;
  readonly message: string;
}

const LINE_BREAKS = new Set([0x0a, 0x0d, 0x85, 0x2028, 0x2029]);

/**
 * The first refused character of `text` and why, as `U+2028 (LINE SEPARATOR) at character 5, which
 * ...`, or undefined when there is none.
 */
export function refusedCharacter(text: string, tabAllowed = false): string | undefined {
  const match = (tabAllowed ? REFUSED : REFUSED_WITH_TAB).exec(text);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!;
  const name =
    NAMES[code] ?? (code < 0x20 ? 'a C0 control' : code < 0xa0 ? 'a C1 control' : code >= 0xd800 && code < 0xe000 ? 'a lone surrogate' : 'a noncharacter');
  const why = LINE_BREAKS.has(code)
    ? "which YAML 1.1 parsers (kubectl's, Argo CD's, Spark's SnakeYAML) or java.util.Properties read as a line break; write it on one line without it"
    : 'which YAML parsers refuse, drop or read differently; remove it';
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} (${name}) at character ${[...text.slice(0, match.index)].length + 1}, ${why}`;
}

/** Every spec string (map keys included) with a refused character; Spark property values may hold tabs. */
export function checkSpecText(spec: unknown): TextProblem[] {
  const problems: TextProblem[] = [];
  const walk = (value: unknown, segments: (string | number)[]): void => {
    if (typeof value === 'string') {
      const sparkValue = segments.length >= 3 && segments[segments.length - 2] === 'properties' && segments[segments.length - 3] === 'spark';
      const found = refusedCharacter(value, sparkValue);
      if (found) problems.push({ path: segments, atKey: false, message: `contains ${found}` });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...segments, i]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const found = refusedCharacter(key);
        if (found) problems.push({ path: [...segments, key], atKey: true, message: `the key contains ${found}` });
        else walk(item, [...segments, key]);
      }
    }
  };
  walk(spec, []);
  return problems;
}
