import { resolvePlatform, SpecError } from '../../src';
import { formatProblem } from '../../src/platform-spec/errors';
import { checkSpecText, refusedCharacter } from '../../src/platform-spec/text-checks';

const LINE_BREAK =
  "which YAML 1.1 parsers (kubectl's, Argo CD's, Spark's SnakeYAML) or java.util.Properties read as a line break; write it on one line without it";
const OTHER = 'which YAML parsers refuse, drop or read differently; remove it';

describe('characters no spec string may hold', () => {
  test.each(
    [
      ['\u0001', 'U+0001 (a C0 control)', OTHER],
      ['\r', 'U+000D (CARRIAGE RETURN)', LINE_BREAK],
      ['\t', 'U+0009 (TAB)', OTHER],
      ['\u007f', 'U+007F (DELETE)', OTHER],
      ['\u0085', 'U+0085 (NEXT LINE (NEL))', LINE_BREAK],
      ['\u009f', 'U+009F (a C1 control)', OTHER],
      ['\u2028', 'U+2028 (LINE SEPARATOR)', LINE_BREAK],
      ['\u2029', 'U+2029 (PARAGRAPH SEPARATOR)', LINE_BREAK],
      ['\ufeff', 'U+FEFF (BYTE ORDER MARK)', OTHER],
      ['\uffff', 'U+FFFF (a noncharacter)', OTHER],
      ['\ud800', 'U+D800 (a lone surrogate)', OTHER],
    ].map(([ch, name, why]) => [name, ch, why]),
  )('GIVEN %s after "ab☃" WHEN checked THEN it is named with its position in characters', (name, ch, why) => {
    expect(refusedCharacter(`ab☃${ch}x`)).toBe(`${name} at character 4, ${why}`);
  });

  test('GIVEN ordinary text, a surrogate pair and (in a Spark value) a tab WHEN checked THEN nothing is refused', () => {
    expect(refusedCharacter('über ☃ 😀 \u00a0 a b')).toBeUndefined();
    expect(refusedCharacter('-Da=1\t-Db=2', true)).toBeUndefined();
    expect(checkSpecText({ spark: { properties: { 'spark.x': 'a\tb' } }, tenants: [{ spark: { properties: { 'spark.y': 'c\td' } } }] })).toEqual([]);
  });

  test('GIVEN a spec built in code WHEN a label key holds a tab and a host name a BOM THEN each is reported at its field, keys at the key', () => {
    let thrown: unknown;
    try {
      resolvePlatform(
        {
          name: 'txt',
          image: 'registry.example.com/txt:1',
          roleEnv: 'TXT',
          proxy: { namespace: 'txt-proxy', hostAliases: [{ ip: '10.0.0.1', hostnames: ['\ufeffkdc'] }] },
          files: [],
          tenants: [{ namespace: 'txt-a', labels: { 'team\tx': 'a' } }],
        },
        { baseDir: '/nonexistent', file: 'code' },
      );
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SpecError);
    expect((thrown as SpecError).problems.map(formatProblem)).toEqual([
      `code: proxy.hostAliases[0].hostnames[0]: contains U+FEFF (BYTE ORDER MARK) at character 1, ${OTHER}`,
      `code: tenants[0].labels["team\\tx"]: the key contains U+0009 (TAB) at character 5, ${OTHER}`,
    ]);
  });
});
