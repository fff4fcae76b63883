import { parse as parseWithDotProperties } from 'dot-properties';
import * as fc from 'fast-check';
import { ownedSparkKeys } from '../../src/spark/owned-keys';
import { NEWER_SPARK_KUBERNETES_KEY_FAMILIES, SPARK_KUBERNETES_KEY_FAMILIES, SPARK_KUBERNETES_KEYS } from '../../src/spark/spark-keys';
import { checkFeatureStepClasses } from '../../src/spark/feature-step-classes';
import { isKnownKubernetesKey } from '../../src/spark/kubernetes-keys';
import { renderSparkDefaults } from '../../src/spark/spark-defaults';
import { checkProperties, PropertyCheckOptions } from '../../src/spark/spark-property-checks';

const NO_OWNED: PropertyCheckOptions = { owned: new Set<string>(), allowOverride: false };

/** Messages only, for compact expectations. */
function messagesFor(props: Record<string, string>, opts: PropertyCheckOptions = NO_OWNED): string[] {
  return checkProperties(props, opts).map(p => p.message);
}

const VALID_KEY = "keys must be non-empty, contain no whitespace, '=', ':' or '\\', and not start with '#' or '!'";
const VALID_PREFIX =
  "use a lowercase RFC 1123 DNS label of at most 47 characters ('a'-'z', '0'-'9' and '-', " +
  'starting and ending with a letter or digit), because Spark appends "-exec-<id>" (up to 16 characters) ' +
  'to make a pod name that fits a 63-character DNS label';
const VALID_CLASS = 'write the package and class as dot-separated Java identifiers, e.g. com.example.MyFeatureStep';

describe('Spark on Kubernetes key lists', () => {
  test('every exact key is a unique spark.kubernetes.* key with a release version', () => {
    // GIVEN the key list
    const keys = SPARK_KUBERNETES_KEYS.map(k => k.key);

    // WHEN / THEN each is well formed and listed once
    expect(new Set(keys).size).toBe(keys.length);
    for (const entry of SPARK_KUBERNETES_KEYS) {
      expect(entry.key).toMatch(/^spark\.kubernetes(\.[A-Za-z][A-Za-z0-9]*)+$/);
      expect(entry.since).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  test('every family pattern is spark.kubernetes.* with <placeholders>', () => {
    // GIVEN the family lists
    const patterns = [...SPARK_KUBERNETES_KEY_FAMILIES, ...NEWER_SPARK_KUBERNETES_KEY_FAMILIES].map(f => f.pattern);

    // WHEN / THEN each segment is a literal or a placeholder
    for (const pattern of patterns) {
      expect(pattern).toMatch(/^spark\.kubernetes(\.([A-Za-z]+|<[A-Za-z]+>))+$/);
    }
  });

  test('no key from a newer Spark is accepted', () => {
    // GIVEN keys only Spark 4.0 reads
    const newer = [
      'spark.kubernetes.jars.avoidDownloadSchemes',
      'spark.kubernetes.driver.volumes.hostPath.data.mount.subPathExpr',
      'spark.kubernetes.executor.volumes.emptyDir.tmp.label.team',
      'spark.kubernetes.executor.volumes.emptyDir.tmp.annotation.team',
    ];

    // WHEN / THEN none is known
    for (const key of newer) expect(isKnownKubernetesKey(key)).toBe(false);
  });
});

describe('isKnownKubernetesKey', () => {
  test.each([
    // Present in all of 3.3, 3.4 and 3.5.
    'spark.kubernetes.namespace',
    'spark.kubernetes.executor.deleteOnTermination',
    'spark.kubernetes.authenticate.submission.oauthTokenFile',
    'spark.kubernetes.authenticate.driver.mounted.caCertFile',
    'spark.kubernetes.authenticate.caCertFile',
    // 3.3.0 and later.
    'spark.kubernetes.executor.decommissionLabel',
    'spark.kubernetes.executor.rollPolicy',
    'spark.kubernetes.scheduler.name',
    'spark.kubernetes.scheduler.volcano.podGroupTemplateFile',
    'spark.kubernetes.driver.node.selector.disktype',
    // 3.4.0 and later.
    'spark.kubernetes.driver.service.ipFamilyPolicy',
    'spark.kubernetes.driver.waitToReusePersistentVolumeClaim',
    'spark.kubernetes.executorSnapshotsSubscribersShutdownGracePeriod',
    'spark.kubernetes.driver.service.label.team',
    // Internal, and removed within the range (3.3.3, 3.4.1, 3.5.0): still accepted.
    'spark.kubernetes.legacy.useReadWriteOnceAccessMode',
    'spark.kubernetes.executor.lostCheck.maxAttempts',
  ])('GIVEN the version-specific or version-wide key %s WHEN looked up THEN it is known', key => {
    expect(isKnownKubernetesKey(key)).toBe(true);
  });

  test.each([
    'spark.kubernetes.driver.label.team',
    'spark.kubernetes.executor.label.team',
    'spark.kubernetes.driver.annotation.yunikorn.apache.org/app-id',
    'spark.kubernetes.driver.service.annotation.service.beta.kubernetes.io/aws-load-balancer-type',
    'spark.kubernetes.driver.secrets.spark-secret',
    'spark.kubernetes.executor.secretKeyRef.DB_PASSWORD',
    'spark.kubernetes.driverEnv.JAVA_HOME',
    'spark.kubernetes.node.selector.topology.kubernetes.io/zone',
    'spark.kubernetes.executor.node.selector.disktype',
    'spark.kubernetes.executor.volumes.persistentVolumeClaim.data.mount.path',
    'spark.kubernetes.executor.volumes.persistentVolumeClaim.spark-local-dir-1.options.claimName',
    'spark.kubernetes.driver.volumes.hostPath.logs.mount.readOnly',
    'spark.kubernetes.driver.volumes.nfs.images.options.server',
    'spark.kubernetes.driver.volumes.emptyDir.scratch.mount.subPath',
  ])('GIVEN the prefix-family key %s WHEN looked up THEN it is known', key => {
    expect(isKnownKubernetesKey(key)).toBe(true);
  });

  test.each([
    ['the three-m spelling renamed before 3.3.0', 'spark.kubernetes.executor.decommmissionLabel'],
    ['a family with nothing after the prefix', 'spark.kubernetes.driver.label.'],
    ['an unsupported volume type', 'spark.kubernetes.driver.volumes.configMap.conf.mount.path'],
    ['a volume name with a dot', 'spark.kubernetes.driver.volumes.nfs.a.b.mount.path'],
    ['a volume key Spark does not read', 'spark.kubernetes.driver.volumes.nfs.images.mount.propagation'],
    ['a core key under the wrong prefix', 'spark.kubernetes.executor.instances'],
    ['a non-Kubernetes key', 'spark.executor.instances'],
  ])('GIVEN %s WHEN looked up THEN it is not known', (_, key) => {
    expect(isKnownKubernetesKey(key)).toBe(false);
  });
});

describe('checkProperties', () => {
  describe('keys the package owns', () => {
    test('GIVEN an owned key without override WHEN checked THEN it names what the package sets it from', () => {
      // GIVEN the set the spec checks build from ownedSparkKeys
      const owned = new Set(ownedSparkKeys('SPARK_ROLE').keys());

      // WHEN
      const problems = checkProperties({ 'spark.kubernetes.namespace': 'other', 'spark.executorEnv.SPARK_ROLE': 'x' }, { owned, allowOverride: false });

      // THEN
      expect(problems).toEqual([
        {
          key: 'spark.kubernetes.namespace',
          message: '"spark.kubernetes.namespace" is set by the package from the tenant namespace; set spark.override: true to replace it',
        },
        {
          key: 'spark.executorEnv.SPARK_ROLE',
          message: '"spark.executorEnv.SPARK_ROLE" is set by the package from roleEnv (the executor role marker); set spark.override: true to replace it',
        },
      ]);
    });

    test('GIVEN owned keys as a map WHEN checked THEN the map says where the value comes from', () => {
      // GIVEN
      const owned = new Map([['spark.driver.host', "the engine's headless Service"]]);

      // WHEN
      const messages = messagesFor({ 'spark.driver.host': 'x' }, { owned, allowOverride: false });

      // THEN
      expect(messages).toEqual(['"spark.driver.host" is set by the package from the engine\'s headless Service; set spark.override: true to replace it']);
    });

    test('GIVEN spark.override: true WHEN an owned key is set THEN it is accepted', () => {
      // GIVEN
      const owned = new Set(ownedSparkKeys('SPARK_ROLE').keys());

      // WHEN
      const problems = checkProperties({ 'spark.kubernetes.namespace': 'other' }, { owned, allowOverride: true });

      // THEN
      expect(problems).toEqual([]);
    });
  });

  describe('unknown Spark on Kubernetes keys', () => {
    test.each([
      ['spark.kubernetes.exector.deleteOnTermination', 'spark.kubernetes.executor.deleteOnTermination'],
      ['spark.kubernetes.driver.podTemplateFle', 'spark.kubernetes.driver.podTemplateFile'],
      ['spark.kubernetes.executor.decommmissionLabel', 'spark.kubernetes.executor.decommissionLabel'],
      ['spark.kubernetes.allocation.batchSize', 'spark.kubernetes.allocation.batch.size'],
      ['spark.kubernetes.authenticate.driver.mounted.oauthToken', 'spark.kubernetes.authenticate.driver.mounted.oauthTokenFile'],
      // Spark matches keys case-sensitively, and near misses of the prefix are still Kubernetes keys.
      ['spark.kubernetes.executor.podnameprefix', 'spark.kubernetes.executor.podNamePrefix'],
      ['Spark.Kubernetes.namespace', 'spark.kubernetes.namespace'],
      ['spark.kubernets.namespace', 'spark.kubernetes.namespace'],
    ])('GIVEN the typo %s WHEN checked THEN it suggests the real key', (typo, real) => {
      // WHEN
      const messages = messagesFor({ [typo]: 'x' });

      // THEN
      expect(messages).toEqual([`unknown Spark on Kubernetes property "${typo}" (did you mean "${real}"?)`]);
    });

    test.each([
      ['spark.kubernetes.driver.lable.team', 'spark.kubernetes.driver.label.<name>'],
      ['spark.kubernetes.executors.label.team', 'spark.kubernetes.executor.label.<name>'],
      ['spark.kubernetes.node.selectors.zone', 'spark.kubernetes.node.selector.<labelKey>'],
      ['spark.kubernetes.driver.label', 'spark.kubernetes.driver.label.<name>'],
      ['spark.kubernetes.driver.label.', 'spark.kubernetes.driver.label.<name>'],
      ['spark.kubernetes.executor.volumes.persistentVolumeClaim.data.mount.paht', 'spark.kubernetes.executor.volumes.<type>.<name>.mount.path'],
    ])('GIVEN the family typo %s WHEN checked THEN it suggests the family pattern', (typo, pattern) => {
      // WHEN
      const messages = messagesFor({ [typo]: 'x' });

      // THEN
      expect(messages).toEqual([`unknown Spark on Kubernetes property "${typo}" (did you mean "${pattern}"?)`]);
    });

    test('GIVEN a key close to nothing WHEN checked THEN it says no supported Spark has it', () => {
      // WHEN
      const messages = messagesFor({ 'spark.kubernetes.exector.instances': '3' });

      // THEN
      expect(messages).toEqual(['unknown Spark on Kubernetes property "spark.kubernetes.exector.instances" (no such key in Spark 3.3, 3.4 or 3.5)']);
    });

    test('GIVEN a volume of an unsupported type WHEN checked THEN it lists the valid types', () => {
      // WHEN
      const messages = messagesFor({
        'spark.kubernetes.executor.volumes.pvc.data.mount.path': '/data',
        'spark.kubernetes.executor.volumes.persistentVolumeClam.data.mount.path': '/data',
      });

      // THEN
      expect(messages).toEqual([
        'unknown Spark on Kubernetes volume type "pvc" in "spark.kubernetes.executor.volumes.pvc.data.mount.path"; ' +
          'the type must be hostPath, emptyDir, nfs or persistentVolumeClaim',
        'unknown Spark on Kubernetes volume type "persistentVolumeClam" in "spark.kubernetes.executor.volumes.persistentVolumeClam.data.mount.path" ' +
          '(did you mean "persistentVolumeClaim"?); the type must be hostPath, emptyDir, nfs or persistentVolumeClaim',
      ]);
    });

    test('GIVEN keys only Spark 4.0 reads WHEN checked THEN the message says which Spark reads them', () => {
      // WHEN
      const messages = messagesFor({
        'spark.kubernetes.driver.volumes.hostPath.data.mount.subPathExpr': '$(POD_NAME)',
        'spark.kubernetes.jars.avoidDownloadSchemes': 's3a',
      });

      // THEN
      expect(messages).toEqual([
        'unknown Spark on Kubernetes property "spark.kubernetes.driver.volumes.hostPath.data.mount.subPathExpr" ' +
          '(only Spark 4.0.0 and later read "spark.kubernetes.driver.volumes.<type>.<name>.mount.subPathExpr"; Spark 3.3 to 3.5 ignore it)',
        'unknown Spark on Kubernetes property "spark.kubernetes.jars.avoidDownloadSchemes" (only Spark 4.0.0 and later read it; Spark 3.3 to 3.5 ignore it)',
      ]);
    });

    test('GIVEN known keys, family keys and non-Kubernetes keys WHEN checked THEN nothing is reported', () => {
      // GIVEN
      const props = {
        'spark.kubernetes.driver.label.team': 'data',
        'spark.kubernetes.executor.volumes.persistentVolumeClaim.data.mount.path': '/data',
        'spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options.claimName': 'OnDemand',
        'spark.kubernetes.driver.service.ipFamilyPolicy': 'PreferDualStack',
        'spark.kubernetes.executor.decommissionLabel': 'decommissioning',
        'spark.executor.instances': '3',
        'spark.sql.shuffle.partitions': '200',
      };

      // WHEN / THEN
      expect(checkProperties(props, NO_OWNED)).toEqual([]);
    });
  });

  describe('spark-defaults.conf syntax', () => {
    test.each([
      ['', 'it is empty'],
      ['spark.app name', 'it contains whitespace (a space), which ends a key'],
      ['spark.app\tname', 'it contains whitespace (a tab), which ends a key'],
      ['spark.a=b', "it contains '=', which ends a key"],
      ['spark.a:b', "it contains ':', which ends a key"],
      ['spark.a\\b', "it contains '\\', which starts an escape"],
      ['#spark.a', "it starts with '#', which makes the line a comment"],
      ['!spark.a', "it starts with '!', which makes the line a comment"],
    ])('GIVEN the key %j WHEN checked THEN it cannot be written to spark-defaults.conf', (key, reason) => {
      // WHEN
      const problems = checkProperties({ [key]: 'x' }, NO_OWNED);

      // THEN
      expect(problems).toEqual([{ key, message: `property key ${JSON.stringify(key)} cannot be written to spark-defaults.conf: ${reason}; ${VALID_KEY}` }]);
    });

    test('GIVEN a malformed Kubernetes key WHEN checked THEN only the syntax problem is reported', () => {
      // WHEN
      const messages = messagesFor({ 'spark.kubernetes.name space': 'x' });

      // THEN no did-you-mean is piled on top
      expect(messages).toEqual([
        `property key "spark.kubernetes.name space" cannot be written to spark-defaults.conf: it contains whitespace (a space), which ends a key; ${VALID_KEY}`,
      ]);
    });

    test.each([
      ['a line feed', 'line1\nline2'],
      ['a carriage return', 'line1\rline2'],
    ])('GIVEN a value with %s WHEN checked THEN it must be on one line', (name, value) => {
      // WHEN
      const messages = messagesFor({ 'spark.driver.extraJavaOptions': value });

      // THEN
      expect(messages).toEqual([
        `value of "spark.driver.extraJavaOptions" contains a line break (${name}); spark-defaults.conf holds one property per line, so write the value on a single line`,
      ]);
    });

    test('GIVEN values with backslashes, separators and surrounding spaces WHEN checked THEN they are accepted', () => {
      // WHEN / THEN the renderer escapes these
      expect(checkProperties({ 'spark.a': ' C:\\tmp = #1 ', 'spark.b': '' }, NO_OWNED)).toEqual([]);
    });
  });

  describe('spark.kubernetes.executor.podNamePrefix', () => {
    const key = 'spark.kubernetes.executor.podNamePrefix';

    test('GIVEN a 47-character lowercase label WHEN checked THEN it is accepted', () => {
      // GIVEN
      const prefix = `a${'-0'.repeat(23)}`;
      expect(prefix).toHaveLength(47);

      // WHEN / THEN
      expect(checkProperties({ [key]: prefix }, NO_OWNED)).toEqual([]);
    });

    test.each([
      ['48 characters', 'a'.repeat(48), 'has 48 characters'],
      ['uppercase letters', 'Team-A', 'contains uppercase letters'],
      ['a dot', 'team.a', "contains '.'"],
      ['an underscore', 'team_a', "contains '_'"],
      ['a leading dash', '-team', "starts with '-'"],
      ['a trailing dash', 'team-', "ends with '-'"],
      ['nothing', '', 'is empty'],
      ['several faults', `${'A'.repeat(48)}-`, "has 49 characters, contains uppercase letters, ends with '-'"],
    ])('GIVEN a prefix with %s WHEN checked THEN it is rejected with the reason', (_, prefix, reason) => {
      // WHEN
      const messages = messagesFor({ [key]: prefix });

      // THEN
      expect(messages).toEqual([`${key} ${JSON.stringify(prefix)} ${reason}; ${VALID_PREFIX}`]);
    });
  });

  test('GIVEN several faulty properties WHEN checked THEN each is reported once, in the given order', () => {
    // GIVEN
    const props = {
      'spark.kubernetes.driver.podTemplateFle': '/t.yaml',
      'spark.ok': 'fine',
      'spark.kubernetes.executor.podNamePrefix': 'Bad',
      'spark.c': 'a\nb',
    };

    // WHEN
    const keys = checkProperties(props, NO_OWNED).map(p => p.key);

    // THEN
    expect(keys).toEqual(['spark.kubernetes.driver.podTemplateFle', 'spark.kubernetes.executor.podNamePrefix', 'spark.c']);
  });
});

describe('checkFeatureStepClasses', () => {
  test('GIVEN fully qualified class names WHEN checked THEN they are accepted', () => {
    // GIVEN
    const classes = ['org.apache.spark.deploy.k8s.features.VolcanoFeatureStep', 'com.example.MyFeatureStep', 'com.example.Outer$Inner', '_internal.$Step'];

    // WHEN / THEN
    expect(checkFeatureStepClasses(classes)).toEqual([]);
  });

  test.each([
    ['com.example.', "it ends with '.'"],
    ['1abc.Foo', 'segment "1abc" starts with a digit'],
    ['foo bar', 'it contains whitespace (a space)'],
    ['MyFeatureStep', 'it has no package; Spark loads feature steps by fully qualified name'],
    ['', 'it is empty'],
    ['.com.example.Foo', "it starts with '.'"],
    ['com..Foo', "it contains '..'"],
    ['com.example.class.Foo', 'segment "class" is a Java keyword'],
    ['com.example._', 'segment "_" is a Java keyword'],
    ['com.my-company.Foo', 'segment "my-company" contains \'-\', which a Java identifier cannot'],
    ['com.example.Foo,com.example.Bar', 'segment "Foo,com" contains \',\', which a Java identifier cannot'],
  ])('GIVEN %j WHEN checked THEN it is rejected with the reason', (className, reason) => {
    // WHEN
    const problems = checkFeatureStepClasses(['com.example.Valid', className]);

    // THEN the index points at the entry
    expect(problems).toEqual([
      { index: 1, message: `feature step class ${JSON.stringify(className)} is not a fully qualified Java class name: ${reason}; ${VALID_CLASS}` },
    ]);
  });
});

describe('renderSparkDefaults', () => {
  test('GIVEN properties WHEN rendered THEN header, sorted "key value" lines and a trailing newline', () => {
    // GIVEN
    const props = { 'spark.kubernetes.namespace': 'team-a', 'spark.executor.instances': '3' };

    // WHEN
    const text = renderSparkDefaults(props);

    // THEN
    expect(text).toBe(['# Generated by spark-tenancy. Do not edit.', 'spark.executor.instances 3', 'spark.kubernetes.namespace team-a', ''].join('\n'));
  });

  test('GIVEN values with backslashes, JSON escapes, leading blanks and separators WHEN rendered and parsed back THEN each value is the same', () => {
    // GIVEN what a fragment (JSON with \t escapes) and the trickier values look like
    const props = { 'spark.tenancy.executor.fragment': '{"command":["file\\t/a"]}', 'spark.a': ' =lead', 'spark.b': 'C:\\dir', 'spark.c': '' };
    // WHEN rendered, then read back as plan, explain and the suite read it (dot-properties)
    const parsed = parseWithDotProperties(renderSparkDefaults(props));
    // THEN every value comes back as given
    expect(parsed).toEqual(props);
  });

  test('GIVEN no properties WHEN rendered THEN only the header', () => {
    expect(renderSparkDefaults({})).toBe('# Generated by spark-tenancy. Do not edit.\n');
  });

  test('GIVEN keys of mixed case and beyond U+FFFF WHEN rendered THEN order is by code point, not locale or UTF-16', () => {
    // GIVEN U+1F600 sorts after U+FFFD by code point, though its UTF-16 surrogate (0xD83D) sorts before
    const props = { 'spark.b': '1', 'spark.\u{1F600}': '2', 'spark.a': '3', 'spark.\uFFFD': '4', 'spark.B': '5', 'spark.é': '6' };

    // WHEN
    const keys = renderSparkDefaults(props)
      .split('\n')
      .slice(1, -1)
      .map(line => line.split(' ')[0]);

    // THEN
    expect(keys).toEqual(['spark.B', 'spark.a', 'spark.b', 'spark.é', 'spark.\uFFFD', 'spark.\u{1F600}']);
  });

  test('GIVEN values needing Properties escapes WHEN rendered THEN backslashes, leading whitespace and a leading separator are escaped', () => {
    // GIVEN
    const props = {
      'spark.a': 'C:\\tmp\\',
      'spark.b': '  two leading spaces',
      'spark.c': '\tleading tab, inner\ttab and trailing space ',
      'spark.d': '\fform feed',
      'spark.e': 'a = b : #c !d',
      'spark.f': '',
      'spark.g': '\\u0041',
      'spark.h': '=starts with a separator',
      'spark.i': ':too',
    };

    // WHEN
    const text = renderSparkDefaults(props);

    // THEN
    expect(text.split('\n')).toEqual([
      '# Generated by spark-tenancy. Do not edit.',
      'spark.a C:\\\\tmp\\\\',
      'spark.b \\ \\ two leading spaces',
      'spark.c \\tleading tab, inner\ttab and trailing space ',
      'spark.d \\fform feed',
      'spark.e a = b : #c !d',
      'spark.f',
      'spark.g \\\\u0041',
      'spark.h \\=starts with a separator',
      'spark.i \\:too',
      '',
    ]);
    expect(parseProperties(text)).toEqual(new Map(Object.entries(props)));
  });

  test('GIVEN a key or value checkProperties rejects WHEN rendered THEN it throws instead of writing a broken file', () => {
    expect(() => renderSparkDefaults({ 'spark.a b': 'x' })).toThrow(
      'cannot render property key "spark.a b": it contains whitespace (a space), which ends a key',
    );
    expect(() => renderSparkDefaults({ 'spark.a': 'x\ny' })).toThrow('cannot render value of "spark.a": it contains a line break (a line feed)');
  });

  test('GIVEN arbitrary safe keys and values WHEN rendered and parsed back as Properties THEN the same map returns', () => {
    fc.assert(
      fc.property(fc.dictionary(safeKey, safeValue), props => {
        // WHEN
        const parsed = parseProperties(renderSparkDefaults(props));

        // THEN
        expect(parsed).toEqual(new Map(Object.entries(props)));
      }),
      { numRuns: 500 },
    );
  });

  test('GIVEN the same properties inserted in any order WHEN rendered THEN the text is identical and sorted', () => {
    const entriesInTwoOrders = fc
      .uniqueArray(fc.tuple(safeKey, safeValue), { selector: ([key]) => key, maxLength: 15 })
      .chain(entries => fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length })));

    fc.assert(
      fc.property(entriesInTwoOrders, ([entries, shuffled]) => {
        // WHEN
        const first = renderSparkDefaults(Object.fromEntries(entries));
        const second = renderSparkDefaults(Object.fromEntries(shuffled));

        // THEN
        expect(second).toBe(first);
        const keys = [...parseProperties(first).keys()];
        for (let i = 1; i < keys.length; i++) expect(codePointsOf(keys[i - 1]) < codePointsOf(keys[i])).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Test helpers

/** Characters with a meaning in Properties files, mixed with arbitrary code points. */
const tricky = (chars: string[]) => fc.oneof(fc.constantFrom(...chars), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

/** Keys checkProperties accepts: non-empty, no whitespace, '=', ':' or '\', not starting with '#' or '!'. */
const safeKey = fc
  .string({ unit: tricky(['s', '.', '-', '_', '/', '#', '!', 'Z', 'é', '\u{1F600}']), minLength: 1, maxLength: 20 })
  .filter(key => !/[\s=:\\]/.test(key) && !/^[#!]/.test(key));

/** Values checkProperties accepts: anything on one line. */
const safeValue = fc.string({ unit: tricky([' ', '\t', '\f', '\\', '=', ':', '#', '!', 'u', '\u000b']), maxLength: 20 }).filter(value => !/[\r\n]/.test(value));

/** Code points as a comparable string (each padded to 6 hex digits). */
function codePointsOf(text: string): string {
  return Array.from(text, c => c.codePointAt(0)!.toString(16).padStart(6, '0')).join('');
}

/**
 * A tiny reader for the subset of java.util.Properties.load that matters here: comment and blank lines,
 * continuation lines (an odd number of trailing backslashes), keys ending at unescaped whitespace, '=' or
 * ':', the separator with whitespace around it skipped, and the escapes \t \n \r \f \uXXXX and \x -> x.
 */
function parseProperties(text: string): Map<string, string> {
  const result = new Map<string, string>();
  const logicalLines: string[] = [];
  let pending: string | undefined;
  for (const natural of text.split(/\r\n|\r|\n/)) {
    const stripped = natural.replace(/^[ \t\f]+/, '');
    if (pending === undefined && (stripped === '' || stripped.startsWith('#') || stripped.startsWith('!'))) continue;
    const line = (pending ?? '') + stripped;
    const trailingBackslashes = /\\*$/.exec(line)![0].length;
    if (trailingBackslashes % 2 === 1) {
      pending = line.slice(0, -1);
      continue;
    }
    pending = undefined;
    logicalLines.push(line);
  }
  if (pending !== undefined) logicalLines.push(pending);

  for (const line of logicalLines) {
    let i = 0;
    let rawKey = '';
    while (i < line.length && !/[ \t\f=:]/.test(line[i])) {
      const length = line[i] === '\\' ? 2 : 1;
      rawKey += line.slice(i, i + length);
      i += length;
    }
    while (i < line.length && /[ \t\f]/.test(line[i])) i++;
    if (i < line.length && /[=:]/.test(line[i])) {
      i++;
      while (i < line.length && /[ \t\f]/.test(line[i])) i++;
    }
    result.set(unescapeProperties(rawKey), unescapeProperties(line.slice(i)));
  }
  return result;
}

function unescapeProperties(text: string): string {
  const simple: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };
  return text.replace(/\\(u[0-9a-fA-F]{4}|[\s\S])/g, (_, escape: string) =>
    escape.length === 5 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : (simple[escape] ?? escape),
  );
}
