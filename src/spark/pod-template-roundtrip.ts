import { isDeepStrictEqual } from 'util';

/**
 * Reads a generated pod template back the way a Kubernetes client does (js-yaml, then the typed
 * `V1Pod` model of `@kubernetes/client-node`) and fails when anything is lost or changed on the way:
 * a field the typed model does not know is a field Spark's client would drop as well.
 *
 * `@kubernetes/client-node` 0.22 is used because 1.x is ESM-only, which breaks this CommonJS package
 * and ts-jest; 0.22 carries the same generated models. Its parts load lazily (about 0.1 s) and templates
 * are rendered once per distinct content, so synth pays for it once.
 */
export function parsePodTemplate(fileName: string, text: string, intended: object): void {
  // The client's YAML loader and typed models, without its HTTP stack (a third of the load time).
  const { ObjectSerializer } = require('@kubernetes/client-node/dist/gen/model/models') as typeof import('@kubernetes/client-node');
  const { loadYaml } = require('@kubernetes/client-node/dist/yaml') as typeof import('@kubernetes/client-node');
  const raw = loadYaml<object>(text);
  const typed = ObjectSerializer.deserialize(raw, 'V1Pod');
  // Through JSON, as a client sends it: drops the model's unset (undefined) fields.
  const back = JSON.parse(JSON.stringify(ObjectSerializer.serialize(typed, 'V1Pod'))) as object;
  const difference = firstDifference(intended, back, '');
  if (difference !== undefined) {
    throw new Error(`${fileName}: the pod template does not round-trip as a V1Pod at ${difference || '(root)'}`);
  }
}

function firstDifference(a: unknown, b: unknown, at: string): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return at;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    const next = Array.isArray(a) ? `${at}[${key}]` : at === '' ? key : `${at}.${key}`;
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], next);
    if (found !== undefined) return found;
  }
  return at;
}
