import { isJsonObject } from './json';

/** Field path of the whole object. */
export const WHOLE_OBJECT = '.';

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** `parent.key`, or `parent['key']` when the key has dots, slashes or other characters (label keys, file names). */
export function childField(parent: string, key: string): string {
  if (PLAIN_KEY.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** `parent[index]`. */
export function itemField(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/**
 * Resolves a JSON pointer (as ajv reports it) into a field path and the value found there, using the value
 * to tell list indexes from mapping keys (a ConfigMap key may well be called "0").
 */
export function resolvePointer(root: unknown, pointer: string): { readonly field: string; readonly value: unknown } {
  let field = '';
  let value: unknown = root;
  for (const rawSegment of pointer.split('/').slice(1)) {
    const segment = rawSegment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      field = itemField(field, Number(segment));
      value = value[Number(segment)];
    } else {
      field = childField(field, segment);
      value = isJsonObject(value) ? value[segment] : undefined;
    }
  }
  return { field: field === '' ? WHOLE_OBJECT : field, value };
}
