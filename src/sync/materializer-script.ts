import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

/** The package's root folder, found from this file whether it runs from `src/` or compiled `lib/src/`. */
export function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`spark-tenancy: cannot find package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/**
 * The materializer the `config-sync` init container runs: `image/materialize.sh`, the same file the
 * image ships for `bootstrap.sh sync`. Comment lines are dropped (they would repeat in every pod spec);
 * the code is inlined unchanged.
 */
export function materializerScript(): string {
  if (cached === undefined) {
    const source = fs.readFileSync(path.join(packageRoot(), 'image', 'materialize.sh'), 'utf8');
    cached = source
      .split('\n')
      .filter(line => !/^\s*#/.test(line) && line.trim() !== '')
      .join('\n') + '\n';
  }
  return cached;
}
