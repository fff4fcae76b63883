/**
 * The checks of user-supplied Spark properties (platform or tenant): keys spark-defaults.conf can hold,
 * keys the package owns, `spark.kubernetes.*` keys Spark reads, and the executor pod name prefix.
 */
import { DNS1123_LABEL } from '../name-formats';
import { isKnownKubernetesKey, looksLikeKubernetesKey, unknownKeyMessage } from './kubernetes-keys';
import { describeChar, quote } from './message-text';
import { ownedSparkKeys } from './owned-keys';
import { keySyntaxProblem, VALID_KEY, valueSyntaxProblem } from './spark-defaults';

/** One thing wrong with one property. */
export interface PropertyProblem {
  readonly key: string;
  readonly message: string;
}

/** What {@link checkProperties} needs to know about the package's own keys. */
export interface PropertyCheckOptions {
  /**
   * Keys the package sets itself. A map also says what each value comes from; with a plain set the
   * origin is looked up in {@link ownedSparkKeys}.
   */
  readonly owned: ReadonlySet<string> | ReadonlyMap<string, string>;
  /** `spark.override: true`: the spec may replace owned keys. */
  readonly allowOverride: boolean;
}

const POD_NAME_PREFIX_KEY = 'spark.kubernetes.executor.podNamePrefix';

/**
 * 63 (a DNS label) - 10 (digits of Int.MaxValue, the largest executor id) - 6 (`-exec-`): 47, as Spark
 * 3.3.0 enforces. Later releases accept up to 237 (SPARK-39614), but 47 holds on every supported version.
 */
const MAX_POD_NAME_PREFIX_LENGTH = DNS1123_LABEL.maxLength - String(2 ** 31 - 1).length - '-exec-'.length;

/**
 * Validates user-supplied properties (platform or tenant), in the order given.
 *
 * Keys must be writable to spark-defaults.conf, owned keys need `spark.override: true`, every
 * `spark.kubernetes.*` key (and near misses such as `spark.kubernets.*` or wrong case) must be one Spark
 * 3.3 to 3.5 reads, values must fit on one line, and `spark.kubernetes.executor.podNamePrefix` must be a
 * DNS label short enough for Spark to append `-exec-<id>`.
 */
export function checkProperties(props: Record<string, string>, opts: PropertyCheckOptions): PropertyProblem[] {
  const problems: PropertyProblem[] = [];
  const report = (key: string, message: string) => problems.push({ key, message });

  for (const [key, value] of Object.entries(props)) {
    const keyProblem = keySyntaxProblem(key);
    if (keyProblem !== undefined) {
      // A malformed key would only produce a confusing did-you-mean on top.
      report(key, `property key ${quote(key)} cannot be written to spark-defaults.conf: ${keyProblem}; ${VALID_KEY}`);
    } else if (opts.owned.has(key)) {
      if (!opts.allowOverride) {
        report(key, `${quote(key)} is set by the package from ${ownedOrigin(key, opts.owned)}; set spark.override: true to replace it`);
      }
    } else if (looksLikeKubernetesKey(key) && !isKnownKubernetesKey(key)) {
      report(key, unknownKeyMessage(key));
    }

    const valueProblem = valueSyntaxProblem(value);
    if (valueProblem !== undefined) {
      report(key, `value of ${quote(key)} ${valueProblem}`);
    } else if (key === POD_NAME_PREFIX_KEY) {
      const prefixProblem = podNamePrefixProblem(value);
      if (prefixProblem !== undefined) {
        report(key, `${POD_NAME_PREFIX_KEY} ${quote(value)} ${prefixProblem}; ${VALID_POD_NAME_PREFIX}`);
      }
    }
  }
  return problems;
}

function ownedOrigin(key: string, owned: ReadonlySet<string> | ReadonlyMap<string, string>): string {
  if (owned instanceof Map) {
    const origin = owned.get(key);
    if (origin !== undefined) return origin;
  }
  // Only `spark.executorEnv.<roleEnv>` depends on roleEnv; recover it from the key itself.
  const roleEnv = key.startsWith('spark.executorEnv.') ? key.slice('spark.executorEnv.'.length) : '';
  return ownedSparkKeys(roleEnv, { kerberos: true }).get(key) ?? 'its own configuration';
}

const VALID_POD_NAME_PREFIX =
  `use a lowercase RFC 1123 DNS label of at most ${MAX_POD_NAME_PREFIX_LENGTH} characters ` +
  "('a'-'z', '0'-'9' and '-', starting and ending with a letter or digit), because Spark appends " +
  '"-exec-<id>" (up to 16 characters) to make a pod name that fits a 63-character DNS label';

function podNamePrefixProblem(prefix: string): string | undefined {
  if (prefix === '') return 'is empty';
  // Together these cover the whole RFC 1123 label grammar, so each fault is named rather than "invalid".
  const reasons: string[] = [];
  if (prefix.length > MAX_POD_NAME_PREFIX_LENGTH) reasons.push(`has ${prefix.length} characters`);
  if (/[A-Z]/.test(prefix)) reasons.push('contains uppercase letters');
  const invalid = /[^-a-zA-Z0-9]/.exec(prefix);
  if (invalid) reasons.push(`contains ${describeChar(invalid[0])}`);
  if (prefix.startsWith('-')) reasons.push("starts with '-'");
  if (prefix.endsWith('-')) reasons.push("ends with '-'");
  return reasons.length === 0 ? undefined : reasons.join(', ');
}
