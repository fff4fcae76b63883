import { validateManifestDir, formatViolation } from './src/validate';
const t = Date.now();
const v = validateManifestDir(process.argv[2]);
for (const x of v) console.log(formatViolation(x));
console.log(v.length, 'violations', Date.now() - t, 'ms');
