import * as fs from 'fs';
import * as path from 'path';

/** "a directory", "a FIFO (named pipe)", ...: what a non-regular file is, for messages. */
export function fileKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return stat.isFile() ? 'a regular file' : 'not a regular file';
}

/** Why a path could not be opened or read, in words, with the error code for searching. */
export function ioProblem(e: unknown, absolute: string): string {
  const error = e as NodeJS.ErrnoException;
  switch (error.code) {
    case 'ENOENT':
      return `${absolute} does not exist`;
    case 'ENOTDIR': {
      const blocker = firstNonDirectory(absolute);
      return blocker === undefined
        ? `a part of ${absolute} is not a directory (ENOTDIR)`
        : `${blocker.path} is ${fileKind(blocker.stat)}, not a directory (ENOTDIR)`;
    }
    case 'EACCES':
    case 'EPERM':
      return `permission denied on ${absolute} (${error.code}); make it readable by the user who runs synth`;
    case 'ELOOP':
      return `${absolute} is a loop of symbolic links (ELOOP)`;
    case 'ENAMETOOLONG':
      return `the path ${absolute} is too long (ENAMETOOLONG)`;
    case 'EISDIR':
      return `${absolute} is a directory (EISDIR)`;
    default:
      return `${absolute}: ${error.code ? `${error.code}: ` : ''}${String(error.message ?? e).replace(/^[A-Z]+: /, '')}`;
  }
}

/** The shortest prefix of `absolute` that exists and is not a directory (the cause of ENOTDIR). */
function firstNonDirectory(absolute: string): { path: string; stat: fs.Stats } | undefined {
  const parts = absolute.split(path.sep);
  for (let i = 2; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join(path.sep);
    try {
      const stat = fs.statSync(prefix);
      if (!stat.isDirectory()) return { path: prefix, stat };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
