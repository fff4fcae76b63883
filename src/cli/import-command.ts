import { IMPORT_USAGE, runImport as importExport } from '../gitops/import/run-import';
import { EXIT, EXIT_CODES_HELP, UsageError, usageError, wantsHelp } from './command';

const HELP = `${IMPORT_USAGE}

Turns a hand-made namespace's ConfigMaps (\`kubectl get configmaps,secrets -o yaml\`) into files under
the output folder (default: ./config) and prints the spec's \`files:\` entries for them. Secrets are
referenced by key, never copied. Files that exist with other content are refused unless --force.

  --out DIR                     where the files go (default: ./config)
  --mount-path-from FILE        a Deployment/StatefulSet export that says where each file was mounted
  --force                       overwrite files that exist with other content
${EXIT_CODES_HELP}`;

/** `spark-tenancy import` (and `npm run import`). */
export async function runImport(argv: readonly string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  try {
    importExport(argv);
    return EXIT.ok;
  } catch (e) {
    // parseArgs's own errors (unknown or incomplete options) carry an ERR_PARSE_ARGS_* code.
    const code = (e as { code?: unknown }).code;
    if (e instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) return usageError('import', (e as Error).message, '');
    process.stderr.write(`error: ${(e as Error).message}\nspark-tenancy: import failed\n`);
    return EXIT.problems;
  }
}
