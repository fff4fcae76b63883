import { describeChar, quote } from './message-text';

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

const VALID_CLASS_NAME = 'write the package and class as dot-separated Java identifiers, e.g. com.example.MyFeatureStep';
const JAVA_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Reserved keywords, the literals true/false/null, and `_` (a keyword since Java 9): JLS 3.9 and 3.10.3. */
const JAVA_RESERVED_WORDS: ReadonlySet<string> = new Set([
  'abstract',
  'assert',
  'boolean',
  'break',
  'byte',
  'case',
  'catch',
  'char',
  'class',
  'const',
  'continue',
  'default',
  'do',
  'double',
  'else',
  'enum',
  'extends',
  'final',
  'finally',
  'float',
  'for',
  'goto',
  'if',
  'implements',
  'import',
  'instanceof',
  'int',
  'interface',
  'long',
  'native',
  'new',
  'package',
  'private',
  'protected',
  'public',
  'return',
  'short',
  'static',
  'strictfp',
  'super',
  'switch',
  'synchronized',
  'this',
  'throw',
  'throws',
  'transient',
  'try',
  'void',
  'volatile',
  'while',
  'true',
  'false',
  'null',
  '_',
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
