/**
 * Strict pass: walks an object along its OpenAPI schema and reports every field the schema does not define,
 * at any depth (the API server's strict field validation, which kubernetes-models does not do).
 * For kinds kubernetes-models has no validator for, the same walk also checks types, required fields,
 * enums and patterns. On the way it hands every typed sub-object to the definition checks of the other passes.
 */
import { suggestion } from '../platform-spec/did-you-mean';
import { childField, itemField } from './fields';
import { describeType, describeValue, isJsonObject } from './json';
import type { SchemaNode } from './schema-node';
import { definitionSchema, refName } from './schema-registry';
import { DefinitionChecks, Report } from './types';

/** What the walk checks besides unknown fields. */
export interface SchemaWalkOptions {
  /** Also check types, required fields, enums and patterns (when no kubernetes-models validator ran). */
  readonly checkValues: boolean;
  /** Run for every value of the named definitions the walk enters. */
  readonly definitionChecks: DefinitionChecks;
  /** Where the schema comes from, for messages, e.g. "Kubernetes 1.37". */
  readonly schemaOrigin: string;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** Walks `value` against `schema`; `field` is the path of `value` in its object. */
export function walkSchema(value: unknown, schema: SchemaNode, field: string, report: Report, options: SchemaWalkOptions): void {
  new SchemaWalker(report, options).walk(value, schema, field, 'the object');
}

class SchemaWalker {
  constructor(
    private readonly report: Report,
    private readonly options: SchemaWalkOptions,
  ) {}

  /** `owner` names the definition that declares the fields of `schema`, for messages. */
  walk(value: unknown, schema: SchemaNode, field: string, owner: string): void {
    // null is how YAML says "unset"; the API server treats it so for optional fields.
    if (value === null || value === undefined) return;
    if (schema.$ref !== undefined) {
      const definition = refName(schema.$ref);
      if (isJsonObject(value)) {
        for (const check of this.options.definitionChecks[definition] ?? []) check(value, field, this.report);
      }
      this.walk(value, definitionSchema(definition), field, shortName(definition));
      return;
    }
    if (schema['x-kubernetes-int-or-string']) {
      this.expect(typeof value === 'string' || Number.isInteger(value), field, 'an integer or a string', value);
      return;
    }
    if (schema.oneOf !== undefined) {
      this.walkOneOf(value, schema.oneOf, field);
      return;
    }
    switch (schema.type) {
      case 'object':
        this.walkObject(value, schema, field, owner);
        return;
      case 'array':
        if (!this.expect(Array.isArray(value), field, describeType('array'), value)) return;
        (value as unknown[]).forEach((item, index) => {
          if (this.mayFind(item)) this.walk(item, schema.items ?? {}, itemField(field, index), owner);
        });
        return;
      case 'string':
        if (this.expect(typeof value === 'string', field, describeType('string'), value)) this.checkString(value as string, schema, field);
        return;
      case 'integer':
        this.expect(Number.isInteger(value), field, describeType('integer'), value);
        if (schema.format === 'int32' && Number.isInteger(value)) {
          const number = value as number;
          this.expect(number >= INT32.min && number <= INT32.max, field, 'a 32-bit integer', value);
        }
        return;
      case 'number':
        this.expect(typeof value === 'number', field, describeType('number'), value);
        return;
      case 'boolean':
        this.expect(typeof value === 'boolean', field, describeType('boolean'), value);
        return;
      default:
        // No type: any JSON value (apiextensions JSON, RawExtension-like fields).
        return;
    }
  }

  private walkObject(value: unknown, schema: SchemaNode, field: string, owner: string): void {
    if (!this.expect(isJsonObject(value), field, describeType('object'), value)) return;
    const object = value as Record<string, unknown>;
    const properties = schema.properties;
    const additional = schema.additionalProperties;
    if (this.options.checkValues) {
      for (const name of schema.required ?? []) {
        if (object[name] === undefined || object[name] === null) this.report(childField(field, name), `is required by ${owner} but missing`);
      }
    }
    // Without declared properties (and no map schema) an object is free-form, e.g. RawExtension or FieldsV1.
    const closed = properties !== undefined && additional === undefined && !schema['x-kubernetes-preserve-unknown-fields'];
    for (const name of Object.keys(object)) {
      const child = object[name];
      const childSchema = properties?.[name] ?? (typeof additional === 'object' ? additional : undefined);
      if (childSchema !== undefined) {
        if (this.mayFind(child)) this.walk(child, childSchema, childField(field, name), owner);
      } else if (closed) {
        this.report(childField(field, name), unknownFieldMessage(name, owner, this.options.schemaOrigin, Object.keys(properties ?? {})));
      }
    }
  }

  private walkOneOf(value: unknown, branches: readonly SchemaNode[], field: string): void {
    const types = branches.map(branch => branch.type ?? 'any');
    const matches = types.some(type => type === 'any' || (type === 'integer' ? Number.isInteger(value) : typeof value === type));
    this.expect(matches, field, types.map(describeType).join(' or '), value);
  }

  private checkString(value: string, schema: SchemaNode, field: string): void {
    if (!this.options.checkValues) return;
    if (schema.enum !== undefined && !schema.enum.includes(value)) {
      this.report(field, `must be one of ${schema.enum.map(allowed => JSON.stringify(allowed)).join(', ')} (got ${describeValue(value)})`);
    }
    // CRD schemas bound lengths (a name's 253 characters); the vendored Kubernetes definitions carry none.
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) {
      this.report(field, `must be at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'} long (got ${describeValue(value)})`);
    }
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      this.report(field, `must be at most ${schema.maxLength} characters long (got ${length})`);
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      this.report(field, `must be ${schema['x-pattern-description'] ?? `a string matching ${schema.pattern}`} (got ${describeValue(value)})`);
    }
  }

  /**
   * Whether walking `value` can report anything: without value checks a scalar has no fields to be
   * unknown and no definition checks (those take mappings), so the walk skips it, and its path.
   */
  private mayFind(value: unknown): boolean {
    return this.options.checkValues || (typeof value === 'object' && value !== null);
  }

  /** Reports a wrong type when values are checked; returns whether the value has the expected shape to descend into. */
  private expect(ok: boolean, field: string, expected: string, value: unknown): boolean {
    if (!ok && this.options.checkValues) this.report(field, `must be ${expected} (got ${describeValue(value)})`);
    return ok;
  }
}

function unknownFieldMessage(name: string, owner: string, origin: string, known: readonly string[]): string {
  const hint = suggestion(name, known);
  const valid = hint !== '' ? hint : `; valid fields: ${[...known].sort().join(', ')}`;
  return `unknown field "${name}": ${owner} has no such field in ${origin}${valid}`;
}

/** `io.k8s.api.core.v1.Container` → `Container`. */
function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}
