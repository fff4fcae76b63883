import * as fs from 'fs';
import * as path from 'path';
import { CONFIG_MAP_KEY, DNS1123_SUBDOMAIN, fitsFormat } from '../../name-formats';
import { ImportedFile } from './namespace-export';

/** An imported file's place on disk. */
export interface PlannedFile {
  readonly file: ImportedFile;
  /** Absolute path. */
  readonly target: string;
  /** What is there now. */
  readonly state: 'new' | 'unchanged' | 'different';
}

/**
 * Where each file goes: `<outDir>/<configmap>/<key>`. Names Kubernetes would reject (and so any that
 * could climb out of `outDir`, such as `..`) are refused before anything is written.
 */
export function planImport(files: readonly ImportedFile[], outDir: string): PlannedFile[] {
  const root = path.resolve(outDir);
  return files.map(file => {
    if (!fitsFormat(file.configMap, DNS1123_SUBDOMAIN)) {
      throw new Error(`refusing ConfigMap "${file.configMap}": not a valid ConfigMap name, so not a safe folder name`);
    }
    if (!fitsFormat(file.key, CONFIG_MAP_KEY) || file.key === '.' || file.key.startsWith('..')) {
      throw new Error(`refusing ConfigMap ${file.configMap} key "${file.key}": not a valid ConfigMap key, and it could point outside ${outDir}`);
    }
    const target = path.join(root, file.configMap, file.key);
    const inside = path.relative(root, target);
    if (inside.startsWith('..') || path.isAbsolute(inside))
      throw new Error(`refusing ConfigMap ${file.configMap} key "${file.key}": it would be written outside ${outDir}`);
    return { file, target, state: existingState(target, file.content) };
  });
}

function existingState(target: string, content: Buffer): PlannedFile['state'] {
  if (!fs.existsSync(target)) return 'new';
  return fs.statSync(target).isFile() && fs.readFileSync(target).equals(content) ? 'unchanged' : 'different';
}
