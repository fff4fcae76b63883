import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Temporary folders for one test file, removed after its tests: `const tmp = tempDirs();` at the top
 * of the file, then `tmp('synth-')` wherever a fresh folder is needed.
 */
export function tempDirs(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });
  return prefix => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
