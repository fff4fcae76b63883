/**
 * Schema pass: types, required fields, enums and formats of built-in kinds, checked by the precompiled
 * validators of kubernetes-models. They accept unknown fields; the strict pass covers those.
 */
import { childField, resolvePointer, WHOLE_OBJECT } from './fields';
import { describeType, describeValue } from './json';
import { isApiVersion } from './schema-registry';
import { JsonObject, Report } from './types';

/** The ajv error shape kubernetes-models reports. */
interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
}

interface ModelClass {
  readonly apiVersion: string;
  readonly kind: string;
  readonly prototype: { validate(this: JsonObject): void };
}

const modelClasses = new Map<string, ModelClass | undefined>();

const FORMAT_HINTS: Readonly<Record<string, string>> = {
  quantity: 'a quantity such as "500m", "2Gi" or 1.5',
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
  'date-time': 'an RFC 3339 date-time such as "2024-01-31T12:00:00Z"',
  byte: 'base64-encoded data',
};

/**
 * Validates an object with the kubernetes-models validator of `kind` and reports each problem once.
 * Returns false when kubernetes-models has no validator for the kind (the strict pass then checks values).
 * `ignoreRequired` is for partial objects such as Spark pod template files, which Spark completes.
 */
export function checkAgainstModel(
  object: JsonObject,
  kind: { readonly apiVersion: string; readonly kind: string },
  report: Report,
  options: { readonly ignoreRequired?: boolean } = {},
): boolean {
  const model = modelClass(kind.apiVersion, kind.kind);
  if (model === undefined) return false;
  const errors = validationErrors(model, object).filter(error => !(options.ignoreRequired && error.keyword === 'required'));
  for (const [pointer, group] of groupByPointer(errors)) {
    const { field, value } = resolvePointer(object, pointer);
    for (const problem of problemsOf(group, field, value)) report(problem.field, problem.message);
  }
  return true;
}

function modelClass(apiVersion: string, kind: string): ModelClass | undefined {
  const id = `${apiVersion}/${kind}`;
  if (!modelClasses.has(id)) modelClasses.set(id, loadModelClass(apiVersion, kind));
  return modelClasses.get(id);
}

/** Loads only the kind's own module (a group's index loads every kind of it, twice the start-up time). */
function loadModelClass(apiVersion: string, kind: string): ModelClass | undefined {
  // Both become a module path: accept only the Kubernetes shapes, never "../" or absolute paths.
  if (!isApiVersion(apiVersion) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  let candidate: unknown;
  try {
    candidate = (require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, unknown>)[kind];
  } catch {
    return undefined;
  }
  if (typeof candidate !== 'function') return undefined;
  const model = candidate as unknown as ModelClass;
  return model.kind === kind && model.apiVersion === apiVersion ? model : undefined;
}

function validationErrors(model: ModelClass, object: JsonObject): SchemaError[] {
  try {
    // The model's validate() runs its precompiled validator on `this`; calling it on the object itself
    // skips the two deep copies `new model(object)` makes (both only drop undefined values, which
    // JSON and YAML cannot hold).
    model.prototype.validate.call(object);
    return [];
  } catch (error) {
    const errors = (error as { errors?: SchemaError[] }).errors;
    if (!Array.isArray(errors)) throw error;
    return errors;
  }
}

function groupByPointer(errors: readonly SchemaError[]): Map<string, SchemaError[]> {
  const groups = new Map<string, SchemaError[]>();
  for (const error of errors) groups.set(error.instancePath, [...(groups.get(error.instancePath) ?? []), error]);
  return groups;
}

/**
 * One problem per field. A failed `oneOf` (int-or-string, quantity) arrives as one error per branch plus the
 * oneOf itself; those collapse into a single "must be X or Y". A `required` error points at the parent, so
 * its field is the missing property's.
 */
function problemsOf(group: readonly SchemaError[], field: string, value: unknown): Array<{ field: string; message: string }> {
  const got = `(got ${describeValue(value)})`;
  if (group.some(error => error.keyword === 'oneOf')) {
    const alternatives = group.filter(error => error.keyword !== 'oneOf').map(expectation);
    return [{ field, message: `must be ${[...new Set(alternatives)].join(' or ')} ${got}` }];
  }
  return group.map(error =>
    error.keyword === 'required'
      ? { field: childField(field === WHOLE_OBJECT ? '' : field, String(error.params.missingProperty)), message: 'is required but missing' }
      : { field, message: `must be ${expectation(error)} ${got}` },
  );
}

function expectation(error: SchemaError): string {
  switch (error.keyword) {
    case 'type':
      return describeType(String(error.params.type));
    case 'enum':
      return `one of ${(error.params.allowedValues as unknown[]).map(allowed => JSON.stringify(allowed)).join(', ')}`;
    case 'format':
      return FORMAT_HINTS[String(error.params.format)] ?? `in "${String(error.params.format)}" format`;
    default:
      return `valid (${error.keyword} ${JSON.stringify(error.params)})`;
  }
}
