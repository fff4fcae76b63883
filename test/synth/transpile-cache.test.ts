import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { tempDirs } from '../harness/temp-dirs';

const REPO = path.join(__dirname, '..', '..');
const CACHE = path.join(REPO, 'node_modules', '.cache', 'spark-tenancy-transpiled');
const tmp = tempDirs();

/** Loads `file` through bin/register.js in a fresh node and prints its `value` export. */
function valueOf(file: string): string {
  return execFileSync(process.execPath, ['-r', path.join(REPO, 'bin', 'register.js'), '-e', `console.log(require(${JSON.stringify(file)}).value)`], {
    encoding: 'utf8',
  }).trim();
}

describe('bin/register.js transpile cache', () => {
  test('reuses the cached output while the source is unchanged, and transpiles an edited source again', () => {
    // GIVEN a TypeScript source loaded once
    const file = path.join(tmp('transpile-'), 'module.ts');
    const entry = path.join(CACHE, `${createHash('sha256').update(file).digest('hex')}.js`);
    try {
      fs.writeFileSync(file, 'export const value: number = 1;\n');
      expect(valueOf(file)).toBe('1');
      // THEN its entry is stamped with the hash of what produced it
      const cached = fs.readFileSync(entry, 'utf8');
      expect(cached).toMatch(/^\/\/ [0-9a-f]{64}\n/);
      // WHEN the cached output is replaced (same stamp), the next run uses it: the cache is really read
      fs.writeFileSync(entry, `${cached.split('\n')[0]}\nexports.value = 42;\n`);
      expect(valueOf(file)).toBe('42');
      // WHEN the source changes, its stamp no longer matches and it is transpiled again
      fs.writeFileSync(file, 'export const value: number = 2;\n');
      expect(valueOf(file)).toBe('2');
    } finally {
      fs.rmSync(entry, { force: true });
    }
  });
});
