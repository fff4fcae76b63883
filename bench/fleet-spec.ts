import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';

const REPO = path.join(__dirname, '..');

/**
 * Writes into `dir` the example spec (with its config/ files) whose tenants are replaced by `count`
 * tenants cycling through the example's variants, named tenant-0000, tenant-0001, ...; returns the
 * spec's path. The bench and the large-platform tests use it.
 */
export function writeFleetSpec(count: number, dir: string): string {
  fs.cpSync(path.join(REPO, 'config'), path.join(dir, 'config'), { recursive: true });
  const doc = parseDocument(fs.readFileSync(path.join(REPO, 'platform.yaml'), 'utf8'));
  const variants = (doc.toJS() as { tenants: Record<string, unknown>[] }).tenants;
  const tenants = Array.from({ length: count }, (_, i) => ({ ...variants[i % variants.length], namespace: `tenant-${String(i).padStart(4, '0')}` }));
  // Written out, not aliased: ten thousand aliases would trip the loader's billion-laughs guard.
  doc.set('tenants', doc.createNode(tenants, { aliasDuplicateObjects: false }));
  const file = path.join(dir, 'platform.yaml');
  fs.writeFileSync(file, doc.toString());
  return file;
}
