import schema from '../src/platform-spec/platform.schema.json';
import {
  CONFIG_MAP_KEY,
  configMapKeyFor,
  DNS1123_LABEL,
  DNS1123_SUBDOMAIN,
  fitsFormat,
  LABEL_VALUE,
  NameFormat,
  shellVariableFor,
  SHELL_VARIABLE_NAME,
} from '../src/name-formats';

/** A JSON-schema string rule, as platform.schema.json writes one. */
interface StringRule {
  readonly pattern: string;
  readonly maxLength?: number;
}

const definitions = schema.definitions as unknown as Record<string, StringRule & { properties?: Record<string, StringRule> }>;
const fileKey = definitions.file.properties!.key;

describe('name formats', () => {
  test.each<[string, StringRule, NameFormat]>([
    ['definitions.namespace', definitions.namespace, DNS1123_LABEL],
    ['definitions.objectName', definitions.objectName, DNS1123_SUBDOMAIN],
    ['files[].key', fileKey, CONFIG_MAP_KEY],
    ['properties.roleEnv', schema.properties.roleEnv as StringRule, SHELL_VARIABLE_NAME],
  ])("the spec schema's %s says what the name-format module says", (_where, rule, format) => {
    // GIVEN a rule of the JSON schema (which cannot import the module) WHEN compared with its format
    // THEN pattern and length limit are the same
    expect(rule.pattern).toBe(format.pattern.source);
    expect(rule.maxLength ?? Infinity).toBe(format.maxLength);
  });

  test('a value fits when both its pattern and its length do', () => {
    // GIVEN label values at and over the limit, and one with a character a label cannot hold
    // WHEN checked THEN only the first fits (and an empty label value is valid)
    expect(fitsFormat('a'.repeat(63), LABEL_VALUE)).toBe(true);
    expect(fitsFormat('a'.repeat(64), LABEL_VALUE)).toBe(false);
    expect(fitsFormat('a b', LABEL_VALUE)).toBe(false);
    expect(fitsFormat('', LABEL_VALUE)).toBe(true);
    expect(fitsFormat('', DNS1123_LABEL)).toBe(false);
  });

  test('a file name becomes a ConfigMap key that Kubernetes accepts', () => {
    // GIVEN file names with spaces, non-ASCII letters, and the two names a volume cannot hold
    const names = ['spark defaults.conf', 'größe.txt', '.', '..', 'core-site.xml'];
    // WHEN mapped to keys
    const keys = names.map(configMapKeyFor);
    // THEN every key is valid, the plain one is unchanged, and "." and ".." are not kept as they are
    expect(keys).toEqual(['spark_defaults.conf', 'gr__e.txt', '_.', '_..', 'core-site.xml']);
    for (const key of keys) expect(fitsFormat(key, CONFIG_MAP_KEY)).toBe(true);
  });

  test('any text becomes a shell variable name', () => {
    // GIVEN a ConfigMap key and a text starting with a digit WHEN mapped THEN both are valid shell names
    expect(shellVariableFor('CFG_spark-defaults.conf')).toBe('CFG_SPARK_DEFAULTS_CONF');
    expect(shellVariableFor('1st')).toBe('_1ST');
    expect(fitsFormat(shellVariableFor('1st'), SHELL_VARIABLE_NAME)).toBe(true);
  });
});
