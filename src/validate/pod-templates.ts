/**
 * Pod template files that travel inside ConfigMaps (Spark's spark.kubernetes.{driver,executor}.podTemplateFile
 * content): any data value that parses as a YAML mapping with `kind: Pod`.
 */
import { childField } from './fields';
import { isJsonObject, objectAt } from './json';
import { parseYamlDocuments } from './manifest-files';
import { JsonObject, Report } from './types';

/** A Pod found in one ConfigMap data value. */
export interface EmbeddedPod {
  readonly key: string;
  /** The data value's field in the ConfigMap, e.g. `data['driver-template.yaml']`. */
  readonly field: string;
  readonly text: string;
  readonly pod: JsonObject;
  /** How violations name it, e.g. `driver-template.yaml Pod` (with `#2` when one value holds several). */
  readonly label: string;
}

// Cheap filter before parsing: a `kind: Pod` entry in YAML or JSON. Most data values are not pod templates.
const MENTIONS_KIND_POD = /\bkind["']?\s*:\s*["']?Pod\b/;

/** Pods embedded in the ConfigMap's data; a value that mentions `kind: Pod` but is not valid YAML is reported. */
export function findEmbeddedPods(configMap: JsonObject, report: Report): EmbeddedPod[] {
  const pods: EmbeddedPod[] = [];
  for (const [key, text] of Object.entries(objectAt(configMap, 'data') ?? {})) {
    if (typeof text !== 'string' || !MENTIONS_KIND_POD.test(text)) continue;
    const field = childField('data', key);
    const documents = parseYamlDocuments(text);
    const errors = documents.flatMap(document => document.errors);
    if (errors.length > 0) {
      report(field, `mentions kind: Pod but is not valid YAML, so Spark cannot load it as a pod template: ${errors[0]}`);
      continue;
    }
    const found = documents.map(document => document.value).filter((value): value is JsonObject => isJsonObject(value) && value.kind === 'Pod');
    found.forEach((pod, index) => pods.push({ key, field, text, pod, label: `${key} Pod${found.length > 1 ? ` #${index + 1}` : ''}` }));
  }
  return pods;
}
