import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { E2eContext } from './context';
import { KubeObject } from './kubectl';

/**
 * Where the live objects differ from a manifest file: for each object of the file, every field the
 * file sets must hold the same value in the object the API server returns (what the server adds, its
 * defaults and status, is not compared; a list must have the file's length, item by item). One line per
 * difference, `Kind namespace/name: field path: file has X, live has Y`; none when they match.
 */
export function liveDifferences(ctx: E2eContext, file: string): string[] {
  const expected = parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS() as KubeObject).filter(Boolean);
  const got = ctx.cluster.admin.run(['get', '--ignore-not-found', '-f', file, '-o', 'json']);
  if (got.status !== 0) return [`kubectl get -f ${file}: ${got.stderr.trim()}`];
  const key = (o: KubeObject) => `${o.apiVersion.split('/').slice(0, -1).join('/')}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;
  const live = new Map(((JSON.parse(got.stdout) as { items?: KubeObject[] }).items ?? []).map(o => [key(o), o]));
  const differences: string[] = [];
  for (const object of expected) {
    const where = `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
    const found = live.get(key(object));
    if (!found) differences.push(`${where}: not in the cluster`);
    else for (const d of subsetDifferences(object, found, '')) differences.push(`${where}: ${d}`);
  }
  return differences;
}

/** The fields of `expected` that `live` does not hold with the same value. */
export function subsetDifferences(expected: unknown, live: unknown, at: string): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(live) || live.length !== expected.length) {
      return [`${at || '.'}: file has ${expected.length} item(s), live has ${Array.isArray(live) ? `${live.length} item(s)` : JSON.stringify(live)}`];
    }
    return expected.flatMap((item, i) => subsetDifferences(item, live[i], `${at}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (live === null || typeof live !== 'object' || Array.isArray(live)) return [`${at || '.'}: file has an object, live has ${JSON.stringify(live)}`];
    return Object.entries(expected).flatMap(([key, value]) => subsetDifferences(value, (live as Record<string, unknown>)[key], `${at}.${key}`));
  }
  return String(expected) === String(live) && live !== undefined ? [] : [`${at}: file has ${JSON.stringify(expected)}, live has ${JSON.stringify(live)}`];
}
