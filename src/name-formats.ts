/**
 * The Kubernetes name formats (k8s.io/apimachinery/pkg/util/validation), in one place: the spec checks,
 * the import command, the constructs and the validator all check or build names with these, so they
 * can never disagree on what a valid name is.
 */

/** A syntax for names, with what to tell the user when a value does not fit. */
export interface NameFormat {
  /** What a valid value looks like, in words, e.g. `a DNS-1123 label (...)`. */
  readonly description: string;
  /** Longest valid value, in characters (`Infinity` when the format has no limit). */
  readonly maxLength: number;
  readonly pattern: RegExp;
  /** A valid value, for messages. */
  readonly example: string;
}

/** Namespaces, container, volume and Service port names; also the length of label values. */
export const DNS1123_LABEL: NameFormat = {
  description: 'a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit)',
  maxLength: 63,
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  example: 'my-name',
};

/** Most object names (ConfigMap, Deployment, ...) and the prefix of label and annotation keys. */
export const DNS1123_SUBDOMAIN: NameFormat = {
  description: 'a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit)',
  maxLength: 253,
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  example: 'my-name.example',
};

/** Service names: a DNS label that starts with a letter. */
export const DNS1035_LABEL: NameFormat = {
  description: 'a DNS-1035 label (lowercase letters, digits and "-", starting with a letter and ending with a letter or digit)',
  maxLength: 63,
  pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  example: 'my-service',
};

/** The name part of a label or annotation key (after the optional `<dns-subdomain>/`). */
export const QUALIFIED_NAME_PART: NameFormat = {
  description: 'a qualified name (alphanumerics, "-", "_" and ".", starting and ending with an alphanumeric), optionally prefixed by a DNS subdomain and "/"',
  maxLength: 63,
  pattern: /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/,
  example: 'app.kubernetes.io/name',
};

export const LABEL_VALUE: NameFormat = {
  description: 'a label value (empty, or alphanumerics, "-", "_" and ".", starting and ending with an alphanumeric)',
  maxLength: 63,
  pattern: /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/,
  example: 'v1.2.0',
};

/** Keys of a ConfigMap's or Secret's `data` (and `items[].key`). */
export const CONFIG_MAP_KEY: NameFormat = {
  description: 'a valid ConfigMap/Secret key (letters, digits, "-", "_" and ".")',
  maxLength: 253,
  pattern: /^[-._a-zA-Z0-9]+$/,
  example: 'spark-defaults.conf',
};

/** What the API server accepts as a container's env var name (more than a shell can name). */
export const ENV_VAR_NAME: NameFormat = {
  description: 'a valid environment variable name (letters, digits, "-", "_" and ".", not starting with a digit)',
  maxLength: Infinity,
  pattern: /^[-._a-zA-Z][-._a-zA-Z0-9]*$/,
  example: 'SPARK_HOME',
};

/** An env var name a POSIX shell can read (`$NAME`): what scripts in the pods are handed. */
export const SHELL_VARIABLE_NAME: NameFormat = {
  description: 'a shell variable name (letters, digits and "_", not starting with a digit)',
  maxLength: Infinity,
  pattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  example: 'MY_PROJECT_EXECUTOR',
};

/** IANA service name (RFC 6335), what named container ports and named probe/target ports must be. */
export const IANA_SVC_NAME: NameFormat = {
  description: 'an IANA service name (lowercase letters, digits and single "-" between them, at least one letter, no leading or trailing "-")',
  maxLength: 15,
  pattern: /^(?=.*[a-z])(?!-)(?!.*--)[a-z0-9-]*[a-z0-9]$/,
  example: 'http-metrics',
};

/** RBAC objects accept any name usable as a URL path segment (e.g. "system:aggregate-to-view"). */
export const PATH_SEGMENT: NameFormat = {
  description: 'usable as a URL path segment (not "." or "..", no "/" or "%")',
  maxLength: Infinity,
  pattern: /^(?!\.\.?$)[^/%]+$/,
  example: 'spark:engine',
};

/** Whether `value` is valid in `format` (its pattern and its length). */
export function fitsFormat(value: string, format: NameFormat): boolean {
  return value.length <= format.maxLength && format.pattern.test(value);
}

/**
 * A ConfigMap/Secret key for a file name: characters a key cannot hold become `_`, and `.` and `..`
 * (valid keys, but not file names a volume can hold) get a `_` prefix. The file keeps its name in the pod.
 */
export function configMapKeyFor(fileName: string): string {
  const cleaned = fileName.replace(/[^-._a-zA-Z0-9]/g, '_');
  return cleaned === '.' || cleaned === '..' ? `_${cleaned}` : cleaned;
}

/** `text` as a shell variable name: uppercase, every other character `_` (a leading digit gets a `_` prefix). */
export function shellVariableFor(text: string): string {
  const name = text.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
