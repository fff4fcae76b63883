// Loads TypeScript sources without type checking, for the bin/ entry points: Sucrase strips the types
// (the TypeScript compiler would add ~0.3 s to every synth; `npm test` type-checks once with
// `tsc --noEmit`). Each file's output is cached under node_modules/.cache, one entry per source file
// stamped with the hash of what produced it, so unchanged sources are not transpiled again (~0.1 s
// per run) and the cache never grows past the number of source files.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { addHook } = require('pirates');
const sucrase = require('sucrase');

const OPTIONS = { transforms: ['imports', 'typescript'] };
const CACHE_DIR = path.join(__dirname, '..', 'node_modules', '.cache', 'spark-tenancy-transpiled');
const PRODUCER = `sucrase ${sucrase.getVersion()} ${JSON.stringify(OPTIONS)}`;

function transpile(source, filePath) {
  const stamp = `// ${crypto.createHash('sha256').update(PRODUCER).update('\0').update(source).digest('hex')}\n`;
  const entry = path.join(CACHE_DIR, `${crypto.createHash('sha256').update(filePath).digest('hex')}.js`);
  try {
    const cached = fs.readFileSync(entry, 'utf8');
    if (cached.startsWith(stamp)) return cached.slice(stamp.length);
  } catch {
    // not cached yet
  }
  const code = sucrase.transform(source, { ...OPTIONS, filePath }).code;
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = `${entry}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, stamp + code);
    fs.renameSync(temporary, entry); // atomic: concurrent runs never read half an entry
  } catch {
    // a read-only checkout still works, only without the cache
  }
  return code;
}

addHook(transpile, { exts: ['.ts'] });
