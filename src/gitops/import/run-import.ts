/**
 * `npm run import -- <export.yaml>`: migration of a namespace whose files were made by hand. Reads a
 * `kubectl get configmap,secret -n <ns> -o yaml` export, writes each ConfigMap file under
 * `config/<configmap>/<key>`, and prints the `files:` entries for the spec.
 *
 * Secret contents never leave memory: only a secret's name, type and keys are kept, the spec entries
 * reference them (`secret: true`, `key`), and no message quotes the export's text.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { UsageError } from '../../cli/command';
import { renderFilesYaml } from './files-yaml';
import { planImport } from './import-plan';
import { mountLocatorFromWorkloads } from './mount-locations';
import { parseNamespaceExport } from './namespace-export';
import { importEntries } from './spec-entries';

/** Where imported files go unless `--out` says otherwise. */
export const IMPORT_OUTPUT_DIR = 'config';
/** The import command's arguments. */
export const IMPORT_USAGE = 'usage: spark-tenancy import <kubectl-get-export.yaml> [--out config] [--mount-path-from <deployment.yaml>] [--force]';

/** Where `runImport` works and talks. */
export interface ImportIO {
  /** Folder the spec lives in: relative paths and `source`s are relative to it. */
  readonly cwd: string;
  /** The `files:` YAML. */
  readonly out: (text: string) => void;
  /** What was written and skipped. */
  readonly err: (text: string) => void;
}

/** The import command: arguments as after `npm run import --`. Problems throw before anything is written. */
export function runImport(argv: readonly string[], io: ImportIO = processIO()): void {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: { out: { type: 'string' }, 'mount-path-from': { type: 'string' }, force: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError(`expected one export file, got ${positionals.length}\n${IMPORT_USAGE}`);
  const resolve = (file: string) => path.resolve(io.cwd, file);
  const exportFile = positionals[0];
  const exported = parseNamespaceExport(readText(resolve(exportFile), exportFile), exportFile);
  const mountsFile = values['mount-path-from'];
  const locate = mountsFile ? mountLocatorFromWorkloads(readText(resolve(mountsFile), mountsFile), mountsFile) : undefined;

  const outDir = values.out ?? IMPORT_OUTPUT_DIR;
  const plan = planImport(exported.files, resolve(outDir));
  const shown = (target: string) => path.relative(io.cwd, target).split(path.sep).join('/');
  const different = plan.filter(p => p.state === 'different');
  if (different.length > 0 && !values.force) {
    throw new Error(`these files exist with other content (use --force to overwrite): ${different.map(p => shown(p.target)).join(', ')}`);
  }
  for (const planned of plan) {
    if (planned.state === 'unchanged') {
      io.err(`unchanged ${shown(planned.target)}\n`);
      continue;
    }
    fs.mkdirSync(path.dirname(planned.target), { recursive: true });
    fs.writeFileSync(planned.target, planned.file.content);
    io.err(`${planned.state === 'new' ? 'wrote' : 'overwrote'} ${shown(planned.target)} (${planned.file.content.length} bytes)\n`);
  }
  for (const reference of exported.secretKeys) io.err(`secret ${reference.secret}/${reference.key}: referenced only, not written\n`);
  for (const skip of exported.skipped) io.err(`skipped ${skip.kind}/${skip.name}: ${skip.reason}\n`);

  const targets = new Map(plan.map(p => [p.file, p.target]));
  const entries = importEntries(exported, file => shown(targets.get(file)!), locate);
  const from = exported.namespace ? `namespace ${exported.namespace} (${exportFile})` : exportFile;
  io.out(
    renderFilesYaml(
      entries,
      [
        `files: entries for the platform spec, imported from ${from}.`,
        'Review them: roles default to engine and executor, and every TODO needs an answer.',
      ].join('\n'),
    ),
  );
}

function readText(file: string, shownAs: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read ${shownAs}: ${(e as Error).message}`);
  }
}

function processIO(): ImportIO {
  return { cwd: process.cwd(), out: text => process.stdout.write(text), err: text => process.stderr.write(text) };
}
