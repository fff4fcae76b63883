import * as fs from 'fs';
import * as path from 'path';

let root: string | undefined;

/** The package's root folder, found from this file whether it runs from `src/` or compiled `lib/src/`. */
export function packageRoot(): string {
  if (root === undefined) {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, 'package.json'))) {
      const parent = path.dirname(dir);
      if (parent === dir) throw new Error(`spark-tenancy: cannot find package.json above ${__dirname}`);
      dir = parent;
    }
    root = dir;
  }
  return root;
}
