import type { JsonObject } from './types';

/** True for a mapping (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The mapping at `key`, or undefined when absent or not a mapping (the schema check reports wrong types). */
export function objectAt(parent: unknown, key: string): JsonObject | undefined {
  const value = isJsonObject(parent) ? parent[key] : undefined;
  return isJsonObject(value) ? value : undefined;
}

/** The list at `key`, or an empty list when absent or not a list. */
export function arrayAt(parent: unknown, key: string): readonly unknown[] {
  const value = isJsonObject(parent) ? parent[key] : undefined;
  return Array.isArray(value) ? value : [];
}

/** The string at `key`, or undefined when absent or not a string. */
export function stringAt(parent: unknown, key: string): string | undefined {
  const value = isJsonObject(parent) ? parent[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Bytes of a string in UTF-8, the unit of every Kubernetes and kernel size limit. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** UTF-8 bytes of `JSON.stringify(value)`, computed without building that text. */
export function jsonBytes(value: unknown): number {
  return jsonSize(value, jsonStringBytes);
}

/**
 * An upper bound of `jsonBytes(value)`, much cheaper: each string is counted as if every UTF-16 unit
 * took the most JSON can make of it (6 bytes, `\uXXXX`). Size limits check it first and measure
 * exactly only objects that might be near a limit.
 */
export function jsonBytesAtMost(value: unknown): number {
  return jsonSize(value, text => 6 * text.length + 2);
}

/** The size of `value` as JSON text, each string (and key) counted by `stringBytes`. */
function jsonSize(value: unknown, stringBytes: (text: string) => number): number {
  if (typeof value === 'string') return stringBytes(value);
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4; // NaN and Infinity become null
  if (value === null) return 4;
  if (Array.isArray(value)) {
    let bytes = 2 + Math.max(0, value.length - 1);
    for (const item of value) bytes += isOmittedFromJson(item) ? 4 : jsonSize(item, stringBytes); // as null
    return bytes;
  }
  if (isPlainObject(value) && typeof value.toJSON !== 'function') {
    let bytes = 2;
    let members = 0;
    for (const key of Object.keys(value)) {
      const member = value[key];
      if (isOmittedFromJson(member)) continue;
      bytes += stringBytes(key) + 1 + jsonSize(member, stringBytes);
      members++;
    }
    return bytes + Math.max(0, members - 1);
  }
  return utf8Bytes(JSON.stringify(value) ?? 'null');
}

/** Printable ASCII but the quote and the backslash: JSON writes such a string as it is, between quotes. */
const JSON_VERBATIM = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function jsonStringBytes(text: string): number {
  return JSON_VERBATIM.test(text) ? text.length + 2 : utf8Bytes(JSON.stringify(text));
}

function isOmittedFromJson(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** A mapping made by JSON, YAML or an object literal: its prototype is Object's (or none), not a class's. */
export function isPlainObject(value: unknown): value is JsonObject {
  if (!isJsonObject(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Bytes encoded by a base64 string (what `binaryData` and Secret `data` weigh once decoded). */
export function base64DecodedBytes(encoded: string): number {
  return Buffer.from(encoded, 'base64').length;
}

/** A short rendering of a value for messages: JSON, long strings cut, long structures named. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string' && value.length > 60) return JSON.stringify(`${value.slice(0, 56)}...`);
  const text = JSON.stringify(value) ?? String(value);
  if (text.length <= 60) return text;
  return Array.isArray(value) ? 'a list' : 'a mapping';
}

/** Formats a byte count with thousands separators, e.g. `1,048,576`. */
export function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
};

/** How messages name a JSON Schema type, e.g. `integer` → `an integer`. */
export function describeType(type: string): string {
  return TYPE_NAMES[type] ?? `of type ${type}`;
}
