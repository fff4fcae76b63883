import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SpecError } from '../platform-spec/errors';
import { loadPlatformFile } from '../platform-spec/loader';
import { platformApp } from '../synth/synth-platform';
import { ManifestSource } from './manifest-set';

/** What the spec as committed at a ref synthesizes, or why it could not be synthesized. */
export type SynthAtRef = { readonly files: ManifestSource } | { readonly problem: string };

/**
 * Synthesizes the spec as committed at `ref` (the spec file and the files it names, from `git
 * archive` of that commit into a temporary folder), in memory, so the committed dist/ at `ref` can be
 * checked against the spec that should have made it. A spec outside the repository, missing at `ref`
 * or invalid there is a problem to report, not an error: the plan itself does not depend on it.
 */
export function synthSpecAtRef(repoDir: string, ref: string, specFile: string): SynthAtRef {
  const git = (...args: string[]) => execFileSync('git', ['-C', repoDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  const top = git('rev-parse', '--show-toplevel').trim();
  const relative = path.relative(top, path.resolve(specFile));
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { problem: `${specFile} is outside the repository` };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-tenancy-plan-'));
  try {
    const archive = path.join(dir, 'tree.tar');
    git('archive', '--format=tar', '-o', archive, ref);
    const tree = path.join(dir, 'tree');
    fs.mkdirSync(tree);
    execFileSync('tar', ['-xf', archive, '-C', tree], { stdio: 'pipe' });
    const spec = path.join(tree, relative);
    if (!fs.existsSync(spec)) return { problem: `${relative.split(path.sep).join('/')} does not exist at ${ref}` };
    return { files: platformApp(loadPlatformFile(spec, `${ref}:${relative}`), 'dist').synthDocuments() };
  } catch (e) {
    if (e instanceof SpecError) return { problem: `the spec at ${ref} does not load (${e.problems.length} problem(s): ${e.message.split('\n')[0]})` };
    return { problem: `the spec at ${ref} could not be synthesized: ${(e as Error).message.split('\n')[0]}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
