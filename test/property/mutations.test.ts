import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { SpecError } from '../../src';
import { loadPlatformText, resolveSpecObject } from '../../src/platform-spec/loader';
import { synthNamespaces } from '../../src/testing';
import { runs, SEED } from './arbitraries';

/**
 * Whatever a user does to a valid spec (delete a field, change a type, add unknown keys, put random
 * scalars or lists anywhere, repeat list items, mangle the text), the loader either accepts it or throws
 * a SpecError whose problems each say what is wrong and where. Never a TypeError or any other crash; and
 * a spec it accepts synthesizes.
 */

/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE_DIR = path.join(__dirname, '..', 'fixtures', 'example');
const EXAMPLE_TEXT = fs.readFileSync(path.join(EXAMPLE_DIR, 'platform.yaml'), 'utf8');
const EXAMPLE = parse(EXAMPLE_TEXT) as Json;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Segment = string | number;

/** Every path in the tree, root first. */
function pathsOf(value: Json, prefix: Segment[] = []): Segment[][] {
  const out: Segment[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

/** Own data property, even for `__proto__` (as the YAML parser creates it). */
function setOwn(target: { [key: string]: Json } | Json[], key: Segment, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(value: Json): Json {
  if (Array.isArray(value)) return value.map(clone);
  if (value !== null && typeof value === 'object') {
    const copy: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) setOwn(copy, k, clone(v));
    return copy;
  }
  return value;
}

const scalar: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.integer(),
  fc.constantFrom(0, -1, 0.5, 1e21, Number.MAX_SAFE_INTEGER, 444, 0o444),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '/',
    '/opt/spark/conf',
    '__proto__',
    'constructor',
    '0444',
    'env',
    'objects',
    'engine',
    'team-a',
    '10.0.0.1',
    'true',
    '~',
    '\n',
    'a\u0000b',
  ),
);
const anyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
);
const strangeKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '<<', '', ' ', 'nme', 'mountpath', 'Tenants', '$schema', 'spark.kubernetes.x'),
  fc.string({ maxLength: 10 }),
);

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: Json }
  | { kind: 'insert'; at: number; key: string; value: Json }
  | { kind: 'duplicate'; at: number; index: number }
  | { kind: 'retype'; at: number }
  | { kind: 'tweak'; at: number; text: string; n: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: anyValue }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), key: strangeKey, value: anyValue }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), index: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat() }),
  // Same type, plausible value: often still a valid spec, so accepted specs get synthesized too.
  fc.record({
    kind: fc.constant('tweak' as const),
    at: fc.nat(),
    text: fc.constantFrom('team-z', 'x', '/etc/tweaked', 'config/krb5.conf', '4g', 'objects', 'env', 'engine', '10.1.2.3', 'fd00::1', 'a.example.com', '1', ''),
    n: fc.integer({ min: 0, max: 3 }),
  }),
);

/** Applies a mutation at the `at`-th path (modulo the number of paths); returns the new root. */
function apply(root: Json, m: Mutation): Json {
  const paths = pathsOf(root);
  const target = paths[m.at % paths.length];
  const get = (segments: Segment[]): Json => segments.reduce<Json>((v, s) => (v as { [k: string]: Json })[s as string], root);
  const value = get(target);
  const parent = target.length > 0 ? (get(target.slice(0, -1)) as { [key: string]: Json } | Json[]) : undefined;
  const last = target[target.length - 1];
  const replace = (next: Json): Json => {
    if (parent === undefined) return next;
    setOwn(parent, last, next);
    return root;
  };
  switch (m.kind) {
    case 'delete':
      if (parent === undefined) return root;
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last as string];
      return root;
    case 'replace':
      return replace(clone(m.value));
    case 'insert':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return replace({ [m.key]: clone(m.value) });
      setOwn(value, m.key, clone(m.value));
      return root;
    case 'duplicate':
      if (!Array.isArray(value) || value.length === 0) return replace([clone(value), clone(value)]);
      value.splice(m.index % value.length, 0, clone(value[m.index % value.length]));
      return root;
    case 'tweak':
      if (typeof value === 'string') return replace(m.text);
      if (typeof value === 'number') return replace(m.n);
      if (typeof value === 'boolean') return replace(!value);
      return root;
    case 'retype':
      if (typeof value === 'number') return replace(String(value));
      if (typeof value === 'string') return replace(Number.isNaN(Number(value)) ? [value] : Number(value));
      if (typeof value === 'boolean') return replace(value ? 'true' : 1);
      if (Array.isArray(value)) return replace(Object.fromEntries(value.map((v, i) => [String(i), v])) as Json);
      if (value === null) return replace({});
      return replace(Object.values(value));
  }
}

/** The outcome of loading: accepted, or a SpecError; anything else fails the property with its stack. */
function load(run: () => ReturnType<typeof resolveSpecObject>): ReturnType<typeof resolveSpecObject> | SpecError {
  try {
    return run();
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw new Error(`the loader threw ${(e as Error).name} instead of SpecError: ${(e as Error).stack}`);
  }
}

function expectActionable(error: SpecError, withPositions: boolean): void {
  expect(error.problems.length).toBeGreaterThan(0);
  for (const p of error.problems) {
    expect(typeof p.message).toBe('string');
    expect(p.message.trim().length).toBeGreaterThan(0);
    // A problem of the whole document is at line 1; every other one names its field.
    if (withPositions) expect({ message: p.message, located: p.path !== '' || p.line !== undefined }).toEqual({ message: p.message, located: true });
  }
}

describe(`random mutations of the example spec (seed ${SEED})`, () => {
  test('structural mutations: accepted (and then synthesizable) or a SpecError with actionable problems', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), mutations => {
        // GIVEN the example spec with random mutations
        const mutated = mutations.reduce(apply, clone(EXAMPLE));
        // WHEN it is loaded as an object, and as YAML text
        const asObject = load(() => resolveSpecObject(clone(mutated), { baseDir: EXAMPLE_DIR }));
        const text = stringify(mutated);
        const asText = load(() => loadPlatformText(Buffer.from(text), { baseDir: EXAMPLE_DIR }));
        // THEN both routes agree on accepting, every problem is actionable, and an accepted spec synthesizes
        expect(asText instanceof SpecError).toBe(asObject instanceof SpecError);
        if (asObject instanceof SpecError) expectActionable(asObject, false);
        if (asText instanceof SpecError) expectActionable(asText, true);
        // (one file per tenant, the proxy's, and Argo CD's when gitops.argocd is set)
        else expect(synthNamespaces(asText).size).toBe(asText.spec.tenants.length + 1 + (asText.spec.gitops?.argocd ? 1 : 0));
      }),
      { seed: SEED + 100, numRuns: runs(150) },
    );
  });

  test('text mutations: any edit of the YAML text is accepted or refused with positions, never a crash', () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.integer({ min: 0, max: 8 }),
      insert: fc.oneof(
        fc.string({ maxLength: 4 }),
        fc.constantFrom(
          '\t',
          ':',
          ': ',
          '- ',
          '[',
          ']',
          '{',
          '}',
          '&a ',
          '*a',
          '!!binary ',
          '"',
          "'",
          '#',
          '\n',
          '\n  ',
          '---\n',
          '? ',
          '|',
          '>',
          '%YAML 1.1\n',
          '\u00ff',
          '\ufeff',
        ),
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), edits => {
        // GIVEN the example's text with random edits
        const text = edits.reduce((t, e) => {
          const at = e.at % (t.length + 1);
          return t.slice(0, at) + e.insert + t.slice(at + e.remove);
        }, EXAMPLE_TEXT);
        // WHEN it is loaded
        const result = load(() => loadPlatformText(Buffer.from(text), { baseDir: EXAMPLE_DIR }));
        // THEN it is accepted, or every problem says what and where
        if (result instanceof SpecError) expectActionable(result, true);
      }),
      { seed: SEED + 200, numRuns: runs(300) },
    );
  });
});
