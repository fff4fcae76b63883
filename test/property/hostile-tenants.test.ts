import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { SpecError } from '../../src';
import { loadPlatformText } from '../../src/platform-spec/loader';
import { RESERVED_MOUNT_PATHS } from '../../src/platform-spec/checks/files';
import { runs, SEED } from './arbitraries';

/**
 * Whatever a hostile tenant writes into its own entry of the example, in any key the trust boundary
 * covers, and whatever code folder a file is mounted on, the loader refuses it with a positioned
 * problem at that very field.
 */

/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE_DIR = path.join(__dirname, '..', 'fixtures', 'example');
const EXAMPLE = fs.readFileSync(path.join(EXAMPLE_DIR, 'platform.yaml'), 'utf8');

/** The example with `tenants[0]` given these Spark properties (a flow mapping on the tenant's line). */
function withTenantProperties(props: Record<string, string>): string {
  const line = '  - namespace: team-a\n';
  if (!EXAMPLE.includes(line)) throw new Error('the example no longer has team-a as its first tenant');
  return EXAMPLE.replace(line, `${line}    spark: { properties: ${stringify(props, { collectionStyle: 'flow', lineWidth: 0 }).trim()} }\n`);
}

function problemsOf(text: string): SpecError['problems'] {
  try {
    loadPlatformText(text, { baseDir: EXAMPLE_DIR });
  } catch (e) {
    if (e instanceof SpecError) return e.problems;
    throw e;
  }
  return [];
}

const suffix = fc.stringMatching(/^[a-zA-Z0-9]{1,8}$/);
/** Keys and values the boundary refuses, in every family it names. */
const hostileProperty: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constantFrom('spark.master', 'spark.kubernetes.driver.master', 'spark.kubernetes.executor.master'), fc.webUrl()),
  fc.tuple(
    suffix.map(s => `spark.kubernetes.authenticate.driver.${s}`),
    suffix,
  ),
  fc.tuple(
    suffix.map(s => `spark.kerberos.${s}`),
    suffix,
  ),
  fc.tuple(fc.constantFrom('spark.jars', 'spark.files', 'spark.archives', 'spark.submit.pyFiles'), fc.webUrl()),
  fc.tuple(
    fc.constantFrom('spark.driver.extraJavaOptions', 'spark.executor.extraJavaOptions'),
    fc.tuple(fc.constantFrom('-javaagent:', '-agentpath:', '-agentlib:'), suffix).map(([o, s]) => `-Xmx1g ${o}/tmp/${s}`),
  ),
  fc.tuple(fc.constantFrom('spark.plugins', 'spark.extraListeners', 'spark.driver.extraClassPath', 'spark.executor.extraClassPath'), suffix),
  fc.tuple(
    fc.constantFrom('spark.kubernetes.namespace', 'spark.kubernetes.authenticate.executor.serviceAccountName', 'spark.kubernetes.driver.podTemplateFile'),
    suffix,
  ),
);

describe(`hostile tenant entries (seed ${SEED})`, () => {
  test('a tenant property that moves traffic, identity or code is refused at its own key', () => {
    fc.assert(
      fc.property(hostileProperty, ([key, value]) => {
        // GIVEN the example whose first tenant sets the hostile property
        // WHEN it is loaded THEN exactly that key is refused, with a line and column in the spec
        const problems = problemsOf(withTenantProperties({ 'spark.executor.memory': '4g', [key]: value }));
        expect(problems.map(p => p.path)).toEqual([`tenants[0].spark.properties[${JSON.stringify(key)}]`]);
        expect(problems[0].line).toBe(EXAMPLE.split('\n').findIndex(l => l === '  - namespace: team-a') + 2);
        expect(problems[0].message).toMatch(/^(a tenant entry may not set|".*" is set by the package from)/);
      }),
      { seed: SEED + 91, numRuns: runs(60) },
    );
  });

  test("a file mounted on or inside a folder of the image's programs or the system is refused at its mountPath", () => {
    const trees = RESERVED_MOUNT_PATHS.filter(r => r.scope === 'tree').map(r => r.path.replace(/\*$/, '64'));
    fc.assert(
      fc.property(fc.constantFrom(...trees), fc.array(suffix, { maxLength: 2 }), (root, below) => {
        // GIVEN the example's krb5.conf mounted there
        const mountPath = [root, ...below].join('/');
        const text = EXAMPLE.replace('    mountPath: /tmp/krb5_conf\n', `    mountPath: ${mountPath}\n`);
        // WHEN it is loaded THEN the problem is at files[0].mountPath
        expect(problemsOf(text).map(p => p.path)).toEqual(['files[0].mountPath']);
      }),
      { seed: SEED + 92, numRuns: runs(60) },
    );
  });
});
