import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../package-root';

let cached: string | undefined;


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
