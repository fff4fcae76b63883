import { formatViolation, listManifestFiles, readManifestFile, validateManifestFiles } from '../validate';
import { KUBERNETES_ORIGIN } from '../validate/schema-registry';
import { EXIT, EXIT_CODES_HELP, usageError, wantsHelp } from './command';

const USAGE = 'usage: spark-tenancy validate [DIR]';

const HELP = `${USAGE}

Validates every *.k8s.yaml in DIR (default: ./dist) offline, as strictly as the API server and Pod
Security admission would: ${KUBERNETES_ORIGIN} schemas (and the CRD schemas of the custom resources the
package emits), strict fields, names, Pod Security restricted, size limits. Prints one violation per line, or a one-line summary.
${EXIT_CODES_HELP}`;

/** `spark-tenancy validate [DIR]` (and `npm run validate`). */
export async function runValidate(argv: readonly string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  const unknown = argv.find(arg => arg.startsWith('-'));
  if (unknown !== undefined) return usageError('validate', `unknown option ${unknown}`, USAGE);
  if (argv.length > 1) return usageError('validate', `one folder only (got ${argv.join(', ')})`, USAGE);
  const dir = argv[0] ?? 'dist';
  let files;
  try {
    files = listManifestFiles(dir);
  } catch (error) {
    return usageError('validate', `cannot read ${dir}: ${(error as Error).message}`, USAGE);
  }
  if (files.length === 0) {
    process.stderr.write(`validate: no *.k8s.yaml manifests in ${dir}; run the synth first\n`);
    return EXIT.problems;
  }
  const manifests = files.map(readManifestFile);
  const violations = validateManifestFiles(manifests);
  for (const violation of violations) process.stdout.write(`${formatViolation(violation)}\n`);
  if (violations.length > 0) {
    process.stderr.write(`validate: ${violations.length} violation(s) in ${dir}\n`);
    return EXIT.problems;
  }
  const objects = manifests.reduce((count, manifest) => count + manifest.documents.filter(document => document != null).length, 0);
  process.stdout.write(
    `validate: ${objects} objects in ${files.length} files under ${dir}: no violations (${KUBERNETES_ORIGIN} schemas, strict fields, names, Pod Security restricted, size limits)\n`,
  );
  return EXIT.ok;
}
