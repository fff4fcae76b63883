import { loadAllYaml } from '@kubernetes/client-node';

/**
 * Every Kubernetes object in a YAML text, `List`s flattened. Parse errors name the line but never
 * quote the text: the export holds Secret values.
 */
export function parseKubernetesObjects(text: string, fileName: string): Record<string, unknown>[] {
  let documents: unknown[];
  try {
    documents = loadAllYaml(text);
  } catch (e) {
    const { reason, mark } = e as { reason?: string; mark?: { line: number; column: number } };
    const where = mark ? ` at line ${mark.line + 1}, column ${mark.column + 1}` : '';
    throw new Error(`${fileName}: not valid YAML${where}: ${reason ?? 'cannot parse it'}`);
  }
  const objects: Record<string, unknown>[] = [];
  const add = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value))
      throw new Error(`${fileName}: expected Kubernetes objects, found ${Array.isArray(value) ? 'a list' : typeof value}`);
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.items) && String(object.kind ?? '').endsWith('List')) object.items.forEach(add);
    else objects.push(object);
  };
  documents.forEach(add);
  return objects;
}
