/**
 * Size limits that only bite at apply time or when a container starts:
 * - ConfigMap and Secret data: at most 1 MiB (API server, `MaxSecretSize`), keys not counted.
 * - Annotations of one ObjectMeta: at most 256 KiB of keys and values (`TotalAnnotationSizeLimitB`).
 * - A pod template file in a ConfigMap: at most 1.5 MiB (Spark's `spark.kubernetes.configMap.maxSize` default).
 * - One env var or argument: at most 128 KiB including `NAME=` and the terminating NUL (Linux `MAX_ARG_STRLEN`).
 * - All args, command and env strings of one container: 2,000,000 bytes. execve() allows a quarter of the
 *   8 MiB default stack, 2 MiB (2,097,152), for argv + envp strings plus one 8-byte pointer each; the
 *   ~95 KiB left over is headroom for what the runtime adds: image ENV, HOSTNAME, KUBERNETES_* and the
 *   service-link variables of every Service in the namespace, and the pointers.
 * - One object serialized as JSON: at most 1.5 MiB (etcd's default `--max-request-bytes`, 1,572,864).
 */
import { childField, itemField, WHOLE_OBJECT } from './fields';
import { arrayAt, base64DecodedBytes, formatBytes, isJsonObject, jsonBytes, jsonBytesAtMost, objectAt, utf8Bytes } from './json';
import { DefinitionChecks, JsonObject, Report } from './types';

const MAX_CONFIG_DATA_BYTES = 1_048_576;
const MAX_ANNOTATIONS_BYTES = 262_144;
const MAX_POD_TEMPLATE_FILE_BYTES = 1_572_864;
const MAX_ARG_STRLEN = 131_072;
const MAX_CONTAINER_EXEC_BYTES = 2_000_000;
export const MAX_OBJECT_JSON_BYTES = 1_572_864;
/**
 * Argo CD's repo server refuses a directory Application whose manifests add up to more than
 * `reposerver.max.combined.directory.manifests.size`, 10M by default (a Kubernetes quantity: 10,000,000
 * bytes). Each namespace's Application includes one file (src/constructs/argo-cd.ts), so the limit is per file.
 */
export const ARGOCD_MAX_DIRECTORY_MANIFEST_BYTES = 10_000_000;

/** Whole object as the API server stores it (JSON is the upper bound of its protobuf form). */
export function checkObjectSize(object: JsonObject, report: Report): void {
  // Most objects are far below the limit: a cheap upper bound settles them without measuring exactly.
  if (jsonBytesAtMost(object) <= MAX_OBJECT_JSON_BYTES) return;
  const bytes = jsonBytes(object);
  if (bytes > MAX_OBJECT_JSON_BYTES) {
    report(
      WHOLE_OBJECT,
      `serializes to ${formatBytes(bytes)} of JSON; etcd accepts at most ${formatBytes(MAX_OBJECT_JSON_BYTES)} (1.5 MiB) per object: split it`,
    );
  }
}

/** A pod template file embedded in a ConfigMap, as Spark reads it. */
export function checkPodTemplateFileSize(text: string, field: string, report: Report): void {
  const bytes = utf8Bytes(text);
  if (bytes > MAX_POD_TEMPLATE_FILE_BYTES) {
    report(
      field,
      `pod template file is ${formatBytes(bytes)}; Spark accepts at most ${formatBytes(MAX_POD_TEMPLATE_FILE_BYTES)} (spark.kubernetes.configMap.maxSize, 1.5 MiB)`,
    );
  }
}

/** Sum of `measure` over the string values of a map, skipping keys in `except`. */
function valueBytes(map: JsonObject | undefined, measure: (value: string) => number, except: JsonObject = {}): number {
  return Object.entries(map ?? {})
    .filter(([key, value]) => typeof value === 'string' && !(key in except))
    .reduce((sum, [, value]) => sum + measure(value as string), 0);
}

function checkDataSize(kind: string, total: number, field: string, report: Report): void {
  if (total > MAX_CONFIG_DATA_BYTES) {
    report(
      childField(field, 'data'),
      `${kind} holds ${formatBytes(total)} of data; the API server accepts at most ${formatBytes(MAX_CONFIG_DATA_BYTES)} (1 MiB): split it across objects`,
    );
  }
}

function checkConfigMapSize(configMap: JsonObject, field: string, report: Report): void {
  const total = valueBytes(objectAt(configMap, 'data'), utf8Bytes) + valueBytes(objectAt(configMap, 'binaryData'), base64DecodedBytes);
  checkDataSize('ConfigMap', total, field, report);
}

function checkSecretSize(secret: JsonObject, field: string, report: Report): void {
  // stringData is merged into data on write, replacing data entries of the same key.
  const stringData = objectAt(secret, 'stringData') ?? {};
  const total = valueBytes(objectAt(secret, 'data'), base64DecodedBytes, stringData) + valueBytes(stringData, utf8Bytes);
  checkDataSize('Secret', total, field, report);
}

function checkAnnotationsSize(metadata: JsonObject, field: string, report: Report): void {
  const annotations = objectAt(metadata, 'annotations') ?? {};
  const bytes = Object.entries(annotations).reduce((sum, [key, value]) => sum + utf8Bytes(key) + (typeof value === 'string' ? utf8Bytes(value) : 0), 0);
  if (bytes > MAX_ANNOTATIONS_BYTES) {
    report(
      childField(field, 'annotations'),
      `annotations total ${formatBytes(bytes)} (keys + values); the API server accepts at most ${formatBytes(MAX_ANNOTATIONS_BYTES)} (256 KiB)`,
    );
  }
}

/** Each exec string counts its bytes plus the NUL terminator; env strings are `NAME=value`. */
function checkContainerExecSize(container: JsonObject, field: string, report: Report): void {
  let total = 0;
  const checkString = (bytes: number, stringField: string, what: string): void => {
    total += bytes;
    if (bytes > MAX_ARG_STRLEN) {
      report(
        stringField,
        `${what} is ${formatBytes(bytes)} with its terminating NUL; Linux limits one exec string to ${formatBytes(MAX_ARG_STRLEN)} (MAX_ARG_STRLEN, 128 KiB), so the container would fail to start: split it`,
      );
    }
  };
  for (const list of ['command', 'args']) {
    arrayAt(container, list).forEach((argument, index) => {
      if (typeof argument === 'string')
        checkString(utf8Bytes(argument) + 1, itemField(childField(field, list), index), `this ${list === 'args' ? 'argument' : 'command word'}`);
    });
  }
  arrayAt(container, 'env').forEach((variable, index) => {
    if (!isJsonObject(variable) || typeof variable.name !== 'string') return;
    // valueFrom content is unknown offline: only NAME= and the NUL are counted.
    const value = typeof variable.value === 'string' ? variable.value : '';
    const variableField = itemField(childField(field, 'env'), index);
    checkString(utf8Bytes(variable.name) + 1 + utf8Bytes(value) + 1, childField(variableField, 'value'), `env var "${variable.name}" (NAME=value)`);
  });
  if (total > MAX_CONTAINER_EXEC_BYTES) {
    report(
      field,
      `command, args and env add up to ${formatBytes(total)}; keep them under ${formatBytes(MAX_CONTAINER_EXEC_BYTES)} (execve's 2 MiB minus headroom for variables the runtime adds), or the container fails to start with "argument list too long": move content into a ConfigMap`,
    );
  }
}

/** Size checks by OpenAPI definition, run wherever the schema walk meets one. */
export const SIZE_CHECKS: DefinitionChecks = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': [checkAnnotationsSize],
  'io.k8s.api.core.v1.ConfigMap': [checkConfigMapSize],
  'io.k8s.api.core.v1.Secret': [checkSecretSize],
  'io.k8s.api.core.v1.Container': [checkContainerExecSize],
  'io.k8s.api.core.v1.EphemeralContainer': [checkContainerExecSize],
};
