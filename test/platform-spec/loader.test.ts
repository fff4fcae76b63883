import * as path from 'path';
import fc from 'fast-check';
import { SpecError } from '../../src';
import { loadPlatformText } from '../../src/platform-spec/loader';
import { firstInvalidUtf8, MAX_ALIAS_VALUES, MAX_NESTING } from '../../src/platform-spec/loader';
import { SEED } from '../property/arbitraries';

/** The loader's guards refuse what they are for and nothing a real spec does; values keep what the user wrote. */

const REPO = path.join(__dirname, '..', '..');
const HEAD = ['name: acme', 'image: registry.example.com/acme/spark:1.0.0', 'roleEnv: ACME_EXECUTOR', 'proxy: { namespace: acme-proxy }', 'files: []'].join(
  '\n',
);

function problemsOf(text: string | Buffer): string[] {
  try {
    loadPlatformText(text, { baseDir: REPO });
    return [];
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return e.problems.map(p => p.message);
  }
}

describe('loader', () => {
  test('many tenants may share one anchored value: aliases are counted by what they add, not by use', () => {
    // GIVEN 500 tenants that all use one anchored host alias list (more uses than the YAML library's default limit of 100)
    const tenants = Array.from({ length: 500 }, (_, i) =>
      i === 0
        ? '  - { namespace: team-0, hostAliases: &shared [{ ip: 10.0.0.10, hostnames: [kdc.example.com] }] }'
        : `  - { namespace: team-${i}, hostAliases: *shared }`,
    ).join('\n');
    const text = `${HEAD}\ntenants:\n${tenants}\n`;
    // WHEN it is loaded THEN it is accepted, and every tenant has the shared list
    const platform = loadPlatformText(text, { baseDir: REPO });
    expect(platform.spec.tenants).toHaveLength(500);
    expect(platform.spec.tenants[499].hostAliases).toEqual([{ ip: '10.0.0.10', hostnames: ['kdc.example.com'] }]);
  });

  test(`aliases adding more than ${MAX_ALIAS_VALUES} values are refused, just over the limit`, () => {
    // GIVEN an anchored list of 999 values (1000 with the list) aliased so that the total passes the limit by one use
    const uses = Math.floor(MAX_ALIAS_VALUES / 1000) + 1;
    const text = `a: &big [${Array(999).fill('x').join(', ')}]\nb: [${Array(uses).fill('*big').join(', ')}]\n`;
    // THEN the refusal names the alias and the limit
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(new RegExp(`^with alias \\*big the anchors and aliases expand to more than ${MAX_ALIAS_VALUES} values`)),
    ]);
    // AND one use fewer is within the limit (the spec is then refused for other reasons only)
    const fewer = `a: &big [${Array(999).fill('x').join(', ')}]\nb: [${Array(uses - 1)
      .fill('*big')
      .join(', ')}]\n`;
    expect(problemsOf(fewer).some(m => m.includes('billion laughs'))).toBe(false);
  });

  test(`nesting: ${MAX_NESTING} levels pass the depth guard, ${MAX_NESTING + 1} do not`, () => {
    // GIVEN flow lists nested exactly to the limit (the top-level mapping is level 1) and one deeper
    const nested = (levels: number) => `x: ${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}\n`;
    // THEN only the deeper one is refused for its depth
    expect(problemsOf(nested(MAX_NESTING)).some(m => m.includes('levels deep'))).toBe(false);
    expect(problemsOf(nested(MAX_NESTING + 1))).toEqual([expect.stringContaining(`more than ${MAX_NESTING} levels deep`)]);
  });

  test('unquoted numbers and booleans in Spark properties keep the text as written', () => {
    // GIVEN Spark properties written without quotes, at platform and tenant level
    const text =
      `${HEAD}\nspark: { properties: { spark.a: 1.10, spark.b: 0200, spark.c: 0x1F, spark.d: True, spark.e: 8 } }\n` +
      'tenants: [{ namespace: team-a, spark: { properties: { spark.f: 3.10 } } }]\n';
    // WHEN it is loaded
    const spec = loadPlatformText(text, { baseDir: REPO }).spec;
    // THEN Spark gets the user's text, not YAML's reading of it as a number ("1.1", "200", "31")
    expect(spec.spark?.properties).toEqual({ 'spark.a': '1.10', 'spark.b': '0200', 'spark.c': '0x1F', 'spark.d': 'True', 'spark.e': '8' });
    expect(spec.tenants[0].spark?.properties).toEqual({ 'spark.f': '3.10' });
  });

  test('a UTF-8 byte order mark is fine', () => {
    // GIVEN a valid spec saved with a BOM THEN it loads
    const text = `\ufeff${HEAD}\ntenants: [{ namespace: team-a }]\n`;
    expect(loadPlatformText(Buffer.from(text, 'utf8'), { baseDir: REPO }).spec.tenants).toEqual([{ namespace: 'team-a' }]);
  });

  test('firstInvalidUtf8 agrees with a strict UTF-8 decoder on random bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const valid = (bytes: Uint8Array) => {
      try {
        strict.decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 12 }),
          fc.string({ unit: 'grapheme', maxLength: 8 }).map(s => new Uint8Array(Buffer.from(s))),
        ),
        bytes => {
          // GIVEN any bytes WHEN both judge them THEN they agree, and the prefix before the reported byte is valid
          const bad = firstInvalidUtf8(bytes);
          expect(bad === undefined).toBe(valid(bytes));
          if (bad !== undefined) expect(valid(bytes.subarray(0, bad))).toBe(true);
        },
      ),
      { seed: SEED + 300, numRuns: 2000 },
    );
  });
});
