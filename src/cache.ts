import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from './package-root';

/**
 * Text derived from the package's own inputs, kept between runs in `node_modules/.cache/<folder>/<name>`
 * (the usual place for build caches): returns the cached text, or `produce()`'s, which it then stores.
 * `name` must identify everything the text depends on (a hash of its inputs). A checkout where the
 * folder cannot be written still works, only without the cache.
 */
export function cachedText(folder: string, name: string, produce: () => string): string {
  const file = path.join(packageRoot(), 'node_modules', '.cache', folder, name);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    // not cached yet
  }
  const text = produce();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file); // atomic: a concurrent run never reads half an entry
  } catch {
    // read-only checkout
  }
  return text;
}
