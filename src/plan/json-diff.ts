import { isJsonObject } from '../validate/json';

/** Deep equality of two JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every(k => jsonEqual(a[k], b[k]));
}

/**
 * The field paths where two JSON values differ, at most `depth` levels down: `spec.template`,
 * `data[krb5.conf]`, `spec.containers[engine].resources`. List items are named by their `name` when
 * every item has one (containers, volumes, env), by position otherwise. Sorted, so plans are stable.
 */
export function changedPaths(a: unknown, b: unknown, depth: number, prefix = ''): string[] {
  if (jsonEqual(a, b)) return [];
  if (depth <= 0) return [prefix || '(whole object)'];
  const join = (key: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? (prefix ? `${prefix}.${key}` : key) : `${prefix}[${key}]`);
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap(k => changedPaths(a[k], b[k], depth - 1, join(k)));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const named = (list: unknown[]) => list.every(x => isJsonObject(x) && typeof x.name === 'string');
    if (named(a) && named(b)) {
      const byName = (list: unknown[]) => new Map(list.map(x => [String((x as { name: string }).name), x]));
      const left = byName(a);
      const right = byName(b);
      const names = [...new Set([...left.keys(), ...right.keys()])].sort();
      return names.flatMap(n => changedPaths(left.get(n), right.get(n), depth - 1, `${prefix}[${n}]`));
    }
  }
  return [prefix || '(whole object)'];
}
