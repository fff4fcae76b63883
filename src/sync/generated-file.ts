import { createHash } from 'crypto';
import { DEFAULTS } from '../spec/platform';
import { SyncFile } from './config-sync';

/** A file the package writes (spark-defaults.conf, a pod template), delivered like any spec file. */
export function generatedFile(name: string, mountPath: string, text: string): SyncFile {
  const content = Buffer.from(text, 'utf8');
  return {
    name,
    mountPath,
    mode: DEFAULTS.fileMode,
    secret: false,
    key: name,
    content,
    sha256: createHash('sha256').update(content).digest('hex'),
    preserveImageContent: false,
    generatedIn: 'spark',
  };
}
