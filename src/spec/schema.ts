import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { suggestion } from './did-you-mean';
import schemaJson from './platform.schema.json';

/** The JSON Schema of `platform.yaml`, as shipped with the package (editors can use it too). */
export const PLATFORM_SCHEMA = schemaJson;

/** A schema violation: where (as path segments) and a message a person can act on. */
export interface SchemaProblem {
  readonly path: (string | number)[];
  /** Point at the key rather than the value (unknown fields). */
  readonly atKey: boolean;
  readonly message: string;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    // Annotation only: the human phrase for a failed pattern/type/length check of this field.
    ajv.addKeyword({ keyword: 'x-invalid', schemaType: 'string' });
    compiled = ajv.compile(PLATFORM_SCHEMA);
  }
  return compiled;
}

/** Validates a parsed spec against the schema; every problem, at most one per field. */
export function checkSchema(spec: unknown): SchemaProblem[] {
  const validate = validator();
  if (validate(spec)) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of relevantErrors(validate.errors ?? [])) {
    const problem = toProblem(error);
    const id = JSON.stringify(problem.path);
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}

/**
 * `oneOf` (probes: `false` or an object) reports every branch's failure; keep the branch the user
 * evidently meant (the object one when an object was given) so the message is about their input.
 */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const oneOfPaths = new Set(errors.filter(e => e.keyword === 'oneOf').map(e => e.instancePath));
  return errors.filter(e => {
    if (e.keyword === 'oneOf') return false;
    if (!oneOfPaths.has(e.instancePath)) return true;
    const isObject = typeof e.data === 'object' && e.data !== null;
    return isObject ? e.keyword !== 'const' && e.keyword !== 'type' : e.keyword === 'type';
  });
}

function decodePointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(raw => {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment;
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return `${typeof value} ${String(value)}`;
}

function toProblem(error: ErrorObject): SchemaProblem {
  const path = decodePointer(error.instancePath);
  const humanInvalid = (error.parentSchema as { 'x-invalid'?: string } | undefined)?.['x-invalid'];
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {}).filter(k => k !== '$schema');
      return {
        path: [...path, field],
        atKey: true,
        message: `unknown field "${field}"${suggestion(field, known)}; valid fields: ${known.join(', ')}`,
      };
    }
    case 'required': {
      const field = (error.params as { missingProperty: string }).missingProperty;
      return { path, atKey: false, message: `missing required field "${field}"` };
    }
    case 'type': {
      const expected = (error.params as { type: string | string[] }).type;
      const types = Array.isArray(expected) ? expected.join(' or ') : expected;
      const hint = humanInvalid ? `: ${describe(error.data)} ${humanInvalid}` : `, got ${describe(error.data)}`;
      return { path, atKey: false, message: `must be ${article(types)}${hint}` };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(v => JSON.stringify(v));
      const given = typeof error.data === 'string' ? suggestion(error.data, allowed.map(a => JSON.parse(a) as string)) : '';
      return { path, atKey: false, message: `${describe(error.data)} is not one of ${allowed.join(', ')}${given}` };
    }
    case 'minItems':
      return { path, atKey: false, message: `must list at least ${(error.params as { limit: number }).limit} item(s)` };
    case 'uniqueItems':
      return { path, atKey: false, message: 'must not repeat an item' };
    default:
      if (humanInvalid) return { path, atKey: false, message: `${describe(error.data)} ${humanInvalid}` };
      return { path, atKey: false, message: `${describe(error.data)} ${error.message ?? 'is invalid'}` };
  }
}

function article(type: string): string {
  const noun = type === 'object' ? 'mapping' : type === 'array' ? 'list' : type;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
