import { createHash } from 'crypto';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { version as AJV_VERSION } from 'ajv/package.json';
import { stringify } from 'yaml';
import { cachedText } from '../cache';
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

const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, allowUnionTypes: true } as const;

/**
 * The schema's validator. Compiling it takes ajv ~45 ms, a tenth of a small synth, so the compiled
 * code (ajv's standalone output) is kept under node_modules/.cache, named by the hash of ajv's
 * version, its options and the schema; every run evaluates that same code, cached or fresh.
 */
function validator(): ValidateFunction {
  if (!compiled) {
    const key = createHash('sha256')
      .update(JSON.stringify([AJV_VERSION, AJV_OPTIONS, PLATFORM_SCHEMA]))
      .digest('hex');
    const code = cachedText('spark-tenancy-schema', `${key}.js`, () => {
      const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
      // Annotation only: the human phrase for a failed pattern/type/length check of this field.
      ajv.addKeyword({ keyword: 'x-invalid', schemaType: 'string' });
      return standaloneCode(ajv, ajv.compile(PLATFORM_SCHEMA));
    });
    const module = { exports: {} as { default?: ValidateFunction } };
    // The code is a CommonJS module that requires ajv's runtime helpers.
    new Function('module', 'exports', 'require', code)(module, module.exports, require);
    compiled = module.exports.default ?? (module.exports as unknown as ValidateFunction);
  }
  return compiled;
}

/** Validates a parsed spec against the schema; every problem, at most one per field (but every missing field). */
export function checkSchema(spec: unknown): SchemaProblem[] {
  const validate = validator();
  if (validate(spec)) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of relevantErrors(validate.errors ?? [])) {
    const problem = toProblem(error);
    // Several missing fields of one mapping share its path; each is its own problem.
    const id = JSON.stringify([problem.path, error.keyword === 'required' ? problem.message : '']);
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
  return pointer
    .slice(1)
    .split('/')
    .map(raw => {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment;
    });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return `${typeof value} ${String(value)}`;
}

interface SchemaNode {
  readonly type?: string | string[];
  readonly properties?: Record<string, SchemaNode>;
  readonly required?: string[];
  readonly examples?: unknown[];
  readonly items?: SchemaNode;
  readonly enum?: unknown[];
  readonly $ref?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly 'x-invalid'?: string;
}

/** Follows a local `$ref` (`#/definitions/name`) to the schema it names. */
function deref(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref;
  if (ref === undefined) return node;
  const name = ref.replace(/^#\/definitions\//, '');
  return (PLATFORM_SCHEMA.definitions as Record<string, SchemaNode>)[name];
}

/** `field: value` as a user would write it in the spec, from the schema's first example. */
function exampleOf(field: string | number | undefined, node: SchemaNode | undefined): string | undefined {
  const example = deref(node)?.examples?.[0];
  if (example === undefined) return undefined;
  const value = stringify(example, { collectionStyle: 'flow', lineWidth: 0 }).trim();
  return typeof field === 'string' ? `${field}: ${value}` : value;
}

/** Fields of an object schema, required ones first, e.g. `namespace (required), transport, spark`. */
function fieldList(node: SchemaNode): string {
  const required = node.required ?? [];
  const optional = Object.keys(node.properties ?? {}).filter(k => k !== '$schema' && !required.includes(k));
  return [...required.map(r => `${r} (required)`), ...optional].join(', ');
}

function toProblem(error: ErrorObject): SchemaProblem {
  const path = decodePointer(error.instancePath);
  const parent = error.parentSchema as SchemaNode | undefined;
  const humanInvalid = parent?.['x-invalid'];
  const field = path[path.length - 1];
  const example = exampleOf(field, parent);
  const eg = example === undefined ? '' : ` (e.g. ${example})`;
  switch (error.keyword) {
    case 'additionalProperties': {
      const unknown = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(parent?.properties ?? {}).filter(k => k !== '$schema');
      if (unknown === '<<') {
        return {
          path: [...path, unknown],
          atKey: true,
          message: `YAML merge keys ("<<") are not supported; write the fields out (valid fields: ${known.join(', ')})`,
        };
      }
      return {
        path: [...path, unknown],
        atKey: true,
        message: `unknown field "${unknown}"${suggestion(unknown, known)}; valid fields: ${known.join(', ')}`,
      };
    }
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const missingExample = exampleOf(missing, parent?.properties?.[missing]);
      return { path, atKey: false, message: `missing required field "${missing}"${missingExample === undefined ? '' : ` (e.g. ${missingExample})`}` };
    }
    case 'type': {
      const expected = (error.params as { type: string | string[] }).type;
      const types = Array.isArray(expected) ? expected.map(nounOf).join(' or ') : nounOf(expected);
      if (field === 'mode' && typeof error.data === 'number') return { path, atKey: false, message: modeAsNumber(error.data) };
      if (humanInvalid) return { path, atKey: false, message: `must be ${article(types)}: ${describe(error.data)} ${humanInvalid}` };
      if (expected === 'object' && parent?.properties && /\/oneOf\/\d+\/type$/.test(error.schemaPath)) {
        // Probes: `false`, or the probe's settings.
        return { path, atKey: false, message: `must be false (no probe) or a mapping with the fields ${fieldList(parent)}, got ${describe(error.data)}` };
      }
      if (expected === 'object' && parent?.properties) {
        return { path, atKey: false, message: `must be a mapping with the fields ${fieldList(parent)}${eg}, got ${describe(error.data)}` };
      }
      const { minimum, maximum } = parent ?? {};
      const range = minimum !== undefined && maximum !== undefined ? ` from ${minimum} to ${maximum}` : minimum !== undefined ? ` of at least ${minimum}` : '';
      return { path, atKey: false, message: `must be ${article(types)}${range}${eg}, got ${describe(error.data)}` };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(v => JSON.stringify(v));
      const given =
        typeof error.data === 'string'
          ? suggestion(
              error.data,
              allowed.map(a => JSON.parse(a) as string),
            )
          : '';
      return { path, atKey: false, message: `${describe(error.data)} is not one of ${allowed.join(', ')}${given}` };
    }
    case 'minItems': {
      const limit = (error.params as { limit: number }).limit;
      return { path, atKey: false, message: `must list at least ${limit === 1 ? 'one item' : `${limit} items`}${eg}` };
    }
    case 'uniqueItems': {
      const { i, j } = error.params as { i: number; j: number };
      const data = error.data as unknown[];
      return { path, atKey: false, message: `lists ${describe(data[j])} twice (items ${j} and ${i}); list each value once` };
    }
    case 'minimum':
    case 'maximum': {
      const limit = (error.params as { limit: number }).limit;
      const bound = error.keyword === 'minimum' ? `at least ${limit}` : `at most ${limit}`;
      if (humanInvalid) return { path, atKey: false, message: `${describe(error.data)} ${humanInvalid}` };
      return { path, atKey: false, message: `must be ${bound}, got ${String(error.data)}` };
    }
    case 'minLength': {
      const limit = (error.params as { limit: number }).limit;
      if (limit === 1) return { path, atKey: false, message: `must not be empty${eg}` };
      return { path, atKey: false, message: `${describe(error.data)} is too short: at least ${limit} characters${eg}` };
    }
    case 'maxLength':
      if (humanInvalid) return { path, atKey: false, message: `${describe(error.data)} ${humanInvalid}` };
      return {
        path,
        atKey: false,
        message: `${describe(error.data)} has ${String(error.data).length} characters; at most ${(error.params as { limit: number }).limit} are allowed`,
      };
    default:
      if (humanInvalid) return { path, atKey: false, message: `${describe(error.data)} ${humanInvalid}` };
      return { path, atKey: false, message: `${describe(error.data)} ${error.message ?? 'is invalid'}${eg}` };
  }
}

/**
 * `mode: 0444` unquoted is the YAML integer 444 (YAML 1.2 has no leading-zero octal), and `0o444` is 292:
 * say so, and show the quoted value the user meant.
 */
function modeAsNumber(n: number): string {
  const digits = String(n);
  const meant = /^[0-7]{3}$/.test(digits) ? `0${digits}` : Number.isInteger(n) && n >= 0 && n <= 0o777 ? `0${n.toString(8).padStart(3, '0')}` : '0444';
  return `must be a quoted string, got the number ${digits} (YAML reads an unquoted mode as a number); write mode: "${meant}"`;
}

function nounOf(type: string): string {
  return type === 'object' ? 'mapping' : type === 'array' ? 'list' : type;
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
