import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import { Document, parse } from 'yaml';
import { ManifestYamlWriter } from '../../src/synth/yaml-writer';
import { runs, SEED } from '../property/arbitraries';

/** Strings at the edges of YAML 1.1's plain scalars: types, indicators, document markers, block scalar corner cases. */
const TRICKY = [
  '',
  ' ',
  'true',
  'True',
  'yes',
  'Y',
  'n',
  'No',
  'off',
  'ON',
  '~',
  'null',
  'Null',
  '<<',
  '0b101',
  '0x1F',
  '017',
  '0o17',
  '1_000',
  '+12',
  '-0',
  '1:20',
  '190:20:30.15',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '.inf',
  '-.Inf',
  '.NaN',
  '1e3',
  '1.',
  '.5',
  '6.8523015e+5',
  '-',
  '?',
  '- x',
  '? x',
  ': x',
  'a: b',
  'a:b',
  'a:',
  'a #b',
  'a#b',
  '#x',
  '&a',
  '*a',
  '!tag',
  '|',
  '>',
  "'",
  '"',
  "it's",
  'say "hi"',
  `'"`,
  '%x',
  '@x',
  '`x',
  '{a}',
  '[a]',
  'a,b',
  ',a',
  '---',
  '--- x',
  '...',
  'x\n---\ny',
  'x\n...',
  '%YAML',
  'http://x:80/y',
  'k=v',
  'a\nb',
  'a\n',
  'a\n\n',
  'a\n\n\n',
  '\na',
  '\n\na',
  '\n',
  '\n\n',
  ' a',
  'a ',
  '  a\nb',
  'a\n ',
  'a\n  b\n',
  'a \nb',
  'a\n\tb',
  '\t',
  'x\ty',
  'é',
  '☃ snow',
  '\u0085',
  '\u00a0',
  '\u2028',
  'a\r\nb',
  'x\u0000y',
  '\u001b[0m',
  'a\n\n  b\n\nc\n',
  ' \n',
  'a\n \nb',
  '\t\n',
  'x\t\n',
  '\tx\ny',
  'x\n\t',
  'x\n\ty\n',
  '# comment\nkey=value\n',
  'a\u2028b\nc',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers: []\n',
];

/** The TRICKY strings outside the writer's model as values: document markers, and keep-chomped blocks. */
const HANDED_OVER_AS_VALUE = new Set(['---', '--- x', '...', 'x\n---\ny', 'x\n...', '%x', '%YAML', 'a\n\n', 'a\n\n\n', '\n', '\n\n', ' \n', '\t\n']);
/** As keys, also anything multi-line: the library writes those as quoted keys, which the writer does not model. */
const HANDED_OVER_AS_KEY = (s: string): boolean => HANDED_OVER_AS_VALUE.has(s) || s.includes('\n');

/** Text the YAML 1.1 schema reads as another type, generated from the library's own tag tests. */
const typedLookalike = fc.oneof(...new Document(null, { version: '1.1' }).schema.tags.flatMap(tag => (tag.test ? [fc.stringMatching(tag.test)] : [])));

const trickyString = fc.oneof(
  fc.constantFrom(...TRICKY),
  typedLookalike,
  fc.string({
    unit: fc.constantFrom(
      'a',
      'y',
      'n',
      'e',
      'x',
      '0',
      '1',
      '.',
      '_',
      '+',
      ' ',
      '\n',
      '\t',
      ':',
      '-',
      '#',
      '"',
      "'",
      '|',
      '>',
      '{',
      ',',
      '%',
      '?',
      '!',
      '&',
      '*',
      '~',
      'é',
      '\u0085',
    ),
    maxLength: 14,
  }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.tuple(fc.constantFrom(...TRICKY), fc.constantFrom(...TRICKY)).map(([a, b]) => a + b),
);

const key = fc.oneof(trickyString, fc.constantFrom('apiVersion', 'metadata', 'app.kubernetes.io/name', 'krb5.conf', '0', '10', '__x'));

const { node: tree } = fc.letrec<{ node: unknown }>(tie => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    trickyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(key, tie('node'), { maxKeys: 5 }),
  ),
}));

const manifest = fc.dictionary(key, tree, { minKeys: 1, maxKeys: 6 });

/** Characters YAML 1.1 parsers read as line breaks or refuse, which the library writes unescaped. */
const YAML11_UNSAFE = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/u;
/** Strings the library may write in a way YAML 1.1 readers refuse: an unsafe character, or a tab on one line (a plain scalar may not hold it). */
const isUnsafe = (s: string): boolean => YAML11_UNSAFE.test(s) || (s.includes('\t') && !s.includes('\n'));
const hasUnsafe = (value: unknown): boolean =>
  typeof value === 'string'
    ? isUnsafe(value)
    : Array.isArray(value)
      ? value.some(hasUnsafe)
      : value !== null && typeof value === 'object'
        ? Object.entries(value).some(([k, v]) => isUnsafe(k) || hasUnsafe(v))
        : false;

/**
 * The writer's contract: cdk8s's bytes for a document without unsafe strings; otherwise the same
 * data, with no unsafe character left raw (the differential parser test checks real consumers).
 */
function expectWrittenLikeCdk8s(writer: ManifestYamlWriter, doc: unknown): void {
  const written = writer.stringify(doc);
  if (!hasUnsafe(doc)) {
    expect(written).toBe(Yaml.stringify(doc));
    return;
  }
  expect({ raw: YAML11_UNSAFE.exec(written)?.[0] }).toEqual({ raw: undefined });
  expect(parse(written)).toEqual(parse(Yaml.stringify(doc)));
}

describe('ManifestYamlWriter', () => {
  test('writes what Yaml.stringify writes, for any JSON manifest (escaping what YAML 1.1 parsers read differently)', () => {
    // GIVEN one writer reused across documents, as synth does (its caches carry over)
    const writer = new ManifestYamlWriter();
    fc.assert(
      fc.property(manifest, doc => {
        // THEN every document is byte for byte cdk8s's own YAML, or the same data with unsafe characters escaped
        expectWrittenLikeCdk8s(writer, doc);
      }),
      { seed: SEED, numRuns: runs(3000) },
    );
    // AND most documents took the writer's own path, not the library fallback
    expect(writer.fallbacks).toBeLessThan(runs(3000) / 2);
  });

  test.each(TRICKY.map(s => [JSON.stringify(s), s]))('the string %s as key, value, list item and nested block', (_, s) => {
    const writer = new ManifestYamlWriter();
    const asValue = { value: s, list: [s, [s], { item: s }], nested: { deeper: { value: s, also: [s] } }, after: 'x' };
    const asKey = { [s]: s, nested: { [s]: [s] } };
    expectWrittenLikeCdk8s(writer, asValue);
    expectWrittenLikeCdk8s(writer, asKey);
    // AND as a value, only document markers and kept trailing newlines are handed to the library
    expect({ s, fallbacks: writer.fallbacks - (HANDED_OVER_AS_KEY(s) && !isUnsafe(s) ? 1 : 0) }).toEqual({
      s,
      fallbacks: HANDED_OVER_AS_VALUE.has(s) ? 1 : 0,
    });
  });

  test.each(['\u0085', '\u2028', '\u2029', '\ufeff', '\u007f', '\u009b', '\ufffe'])('U+%s is escaped in a value, a key and a handed-over document', ch => {
    const code = ch.codePointAt(0)!;
    const escape = code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    const writer = new ManifestYamlWriter();
    // GIVEN a value, a key, and a document the writer hands to the library (a shared object)
    const shared = { v: `a${ch}b` };
    // WHEN written THEN the character appears only as its escape, in double quotes
    expect(writer.stringify({ data: { 'f.conf': `line 1\nspark.master x${ch}y\n` } })).toBe(`data:\n  f.conf: "line 1\\nspark.master x${escape}y\\n"\n`);
    expect(writer.stringify({ [`k${ch}`]: 1 })).toBe(`"k${escape}": 1\n`);
    const handedOver = writer.stringify({ a: shared, b: shared });
    expect(handedOver).toContain(`v: "a${escape}b"`);
    expect(handedOver.includes(ch)).toBe(false);
  });

  test('a one-line string with a tab is double-quoted (YAML 1.1 readers refuse a tab in a plain scalar), in a value, a key and a handed-over document', () => {
    const writer = new ManifestYamlWriter();
    // GIVEN a config-sync plan line (fields separated by tabs), as a value, a list item, a key, and inside a shared object
    const line = 'env\tCFG_KRB5_CONF\t1\t0444\t/etc/krb5.conf';
    const shared = { v: line };
    // WHEN written THEN the tab appears only as \t, in double quotes
    expect(writer.stringify({ args: [line], value: line })).toBe(
      `args:\n  - "env\\tCFG_KRB5_CONF\\t1\\t0444\\t/etc/krb5.conf"\nvalue: "env\\tCFG_KRB5_CONF\\t1\\t0444\\t/etc/krb5.conf"\n`,
    );
    expect(writer.stringify({ 'a\tb': 1 })).toBe('"a\\tb": 1\n');
    const handedOver = writer.stringify({ a: shared, b: shared });
    expect(handedOver).toContain('v: "env\\tCFG_KRB5_CONF');
    expect(handedOver.includes('\t')).toBe(false);
    // AND a multi-line text keeps its tabs inside its literal block, where YAML 1.1 allows them
    expect(writer.stringify({ 'krb5.conf': '[libdefaults]\n\tdefault_realm = X\n' })).toBe('krb5.conf: |\n  [libdefaults]\n  \tdefault_realm = X\n');
  });

  test('what the writer does not model is still written as the library writes it', () => {
    // GIVEN documents with a shared object (the library anchors it), undefined, a Date, a class instance, a top-level list
    const shared = { x: 1 };
    class Custom {
      public readonly a = 1;
    }
    const docs: unknown[] = [
      { a: shared, b: shared },
      { a: undefined, b: [undefined] },
      { when: new Date(0) },
      { custom: new Custom() },
      [1, 2],
      {},
      'scalar',
      { long: { ['k'.repeat(2000)]: 1 } },
      { kept: 'ends with\n\n', next: 1 },
    ];
    const writer = new ManifestYamlWriter();
    for (const doc of docs) expect(writer.stringify(doc)).toBe(Yaml.stringify(doc));
    // THEN the shared object really is an anchor, which the fallback kept
    expect(writer.stringify(docs[0])).toContain('&a1');
  });
});
