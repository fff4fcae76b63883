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
