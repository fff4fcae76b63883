import * as fs from 'fs';
import * as path from 'path';
import { SpecError } from '../platform-spec/errors';
import { loadPlatformFile } from '../platform-spec/loader';
import { Platform } from '../platform-spec/platform';
import { ALLOW_PLAINTEXT_FLAG, checkLeaks, formatLeakReport, leakCheckPassed } from '../validate/leak-check';
import { EXIT, EXIT_CODES_HELP, usageError, wantsHelp } from './command';

const USAGE = `usage: spark-tenancy leak-check [DIR] [--spec FILE] [${ALLOW_PLAINTEXT_FLAG}]`;

const HELP = `${USAGE}

Fails when bytes of a \`secret: true\` source appear in DIR (default: ./dist), raw, base64 or hex, and
when the spec sets allowPlaintextSecrets unless ${ALLOW_PLAINTEXT_FLAG} accepts that output.

  --spec FILE         the spec: a platform YAML file, or for a platform built in code a JavaScript
                      module whose \`platform\` export is the loaded platform (resolvePlatform's result)
                      (default: $SPARK_TENANCY_SPEC, else ./platform.yaml, else ./platform.js)
  ${ALLOW_PLAINTEXT_FLAG}   accept the plaintext Secrets of allowPlaintextSecrets
${EXIT_CODES_HELP}`;

/** `spark-tenancy leak-check` (and `npm run leak-check`). */
export async function runLeakCheck(argv: readonly string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  let dist: string | undefined;
  let allowPlaintext = false;
  let spec = process.env.SPARK_TENANCY_SPEC || (!fs.existsSync('platform.yaml') && fs.existsSync('platform.js') ? 'platform.js' : 'platform.yaml');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--spec') {
      if (argv[i + 1] === undefined) return usageError('leak-check', '--spec needs a file', USAGE);
      spec = argv[++i];
    } else if (arg.startsWith('--spec=')) {
      spec = arg.slice('--spec='.length);
    } else if (arg === ALLOW_PLAINTEXT_FLAG) {
      allowPlaintext = true;
    } else if (arg.startsWith('-')) {
      return usageError('leak-check', `unknown option ${arg}`, USAGE);
    } else if (dist === undefined) {
      dist = arg;
    } else {
      return usageError('leak-check', `one output folder only (got ${dist} and ${arg})`, USAGE);
    }
  }
  dist = dist ?? 'dist';
  if (!fs.existsSync(dist) || !fs.statSync(dist).isDirectory()) {
    return usageError('leak-check', `${dist} is not a folder; run the synth first, or name the output folder`, USAGE);
  }
  let platform;
  try {
    platform = /\.[cm]?js$/.test(spec) ? platformOfModule(spec) : loadPlatformFile(spec, path.relative(process.cwd(), path.resolve(spec)) || spec);
  } catch (e) {
    if (e instanceof ModuleError) return usageError('leak-check', e.message, USAGE);
    if (!(e instanceof SpecError)) throw e;
    for (const line of e.message.split('\n')) process.stderr.write(`error: ${line}\n`);
    return usageError('leak-check', 'the spec has problems, so there is nothing to compare the output against', USAGE);
  }
  const shown = dist.replace(/\/+$/, '');
  const result = checkLeaks(platform, dist, shown, { allowPlaintext });
  const passed = leakCheckPassed(result);
  const out = passed ? process.stdout : process.stderr;
  for (const line of formatLeakReport(result, shown)) out.write(`${line}\n`);
  return passed ? EXIT.ok : EXIT.problems;
}

class ModuleError extends Error {}

/** The `platform` export of a module that builds the platform in code. */
function platformOfModule(file: string): Platform {
  const exported = (require(path.resolve(file)) as { platform?: Partial<Platform> }).platform;
  if (!exported || typeof exported !== 'object' || !exported.spec || !Array.isArray(exported.files)) {
    throw new ModuleError(`${file} has no \`platform\` export holding a loaded platform (export const platform = resolvePlatform(...))`);
  }
  return exported as Platform;
}
