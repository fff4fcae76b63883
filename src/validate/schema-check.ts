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
  new (data: JsonObject): { validate(): void };
}

const modelModules = new Map<string, Readonly<Record<string, unknown>> | undefined>();

const FORMAT_HINTS: Readonly<Record<string, string>> = {
  'quantity': 'a quantity such as "500m", "2Gi" or 1.5',
  'int32': 'a 32-bit integer',
  'int64': 'a 64-bit integer',
  'date-time': 'an RFC 3339 date-time such as "2024-01-31T12:00:00Z"',
  'byte': 'base64-encoded data',
};

/**
 * Validates an object with the kubernetes-models validator of `kind` and reports each problem once.
 * Returns false when kubernetes-models has no validator for the kind (the strict pass then checks values).
 * `ignoreRequired` is for partial objects such as Spark pod template files, which Spark completes.
 */
export function checkAgainstModel(
  object: JsonObject, kind: { readonly apiVersion: string; readonly kind: string }, report: Report,
  options: { readonly ignoreRequired?: boolean } = {},
): boolean {
  const model = modelClass(kind.apiVersion, kind.kind);
  if (model === undefined) return false;
  const errors = validationErrors(model, object).filter((error) => !(options.ignoreRequired && error.keyword === 'required'));
  for (const [pointer, group] of groupByPointer(errors)) {
    const { field, value } = resolvePointer(object, pointer);
    for (const problem of problemsOf(group, field, value)) report(problem.field, problem.message);
  }
  return true;
}

function modelClass(apiVersion: string, kind: string): ModelClass | undefined {
  // apiVersion becomes a module path: accept only the Kubernetes shape, never "../" or absolute paths.
  if (!isApiVersion(apiVersion)) return undefined;
  if (!modelModules.has(apiVersion)) modelModules.set(apiVersion, loadModelModule(apiVersion));
  const candidate = modelModules.get(apiVersion)?.[kind] as ModelClass | undefined;
  return typeof candidate === 'function' && candidate.kind === kind && candidate.apiVersion === apiVersion ? candidate : undefined;
}

function loadModelModule(apiVersion: string): Readonly<Record<string, unknown>> | undefined {
  try {
    return require(`kubernetes-models/${apiVersion}`) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function validationErrors(model: ModelClass, object: JsonObject): SchemaError[] {
  try {
    new model(object).validate();
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
  if (group.some((error) => error.keyword === 'oneOf')) {
    const alternatives = group.filter((error) => error.keyword !== 'oneOf').map(expectation);
    return [{ field, message: `must be ${[...new Set(alternatives)].join(' or ')} ${got}` }];
  }
  return group.map((error) => error.keyword === 'required'
    ? { field: childField(field === WHOLE_OBJECT ? '' : field, String(error.params.missingProperty)), message: 'is required but missing' }
    : { field, message: `must be ${expectation(error)} ${got}` });
}

function expectation(error: SchemaError): string {
  switch (error.keyword) {
    case 'type':
      return describeType(String(error.params.type));
    case 'enum':
      return `one of ${(error.params.allowedValues as unknown[]).map((allowed) => JSON.stringify(allowed)).join(', ')}`;
    case 'format':
      return FORMAT_HINTS[String(error.params.format)] ?? `in "${String(error.params.format)}" format`;
    default:
      return `valid (${error.keyword} ${JSON.stringify(error.params)})`;
  }
}
