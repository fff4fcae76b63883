import * as fs from 'fs';
import * as path from 'path';
import { HarnessError, run } from './processes';

/** The suite's commits carry a fixed author and date, so a run's commits read the same every time. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'spark-tenancy e2e',
  GIT_AUTHOR_EMAIL: 'e2e@spark-tenancy.invalid',
  GIT_COMMITTER_NAME: 'spark-tenancy e2e',
  GIT_COMMITTER_EMAIL: 'e2e@spark-tenancy.invalid',
  // No user or system git configuration of the machine leaks into the suite's repository.
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/**
 * A platform team's Git repository as Argo CD reads it: a bare repository (Argo CD's repo-server clones
 * it by its file:// URL, as Argo CD's own e2e does with local repositories) and a working clone the
 * suite commits to the way a user's CI does: the spec, its config files and the synthesized dist/, one
 * commit per change, pushed to `main`.
 */
export class PlatformRepo {
  readonly bare: string;
  readonly worktree: string;
  readonly branch = 'main';

  constructor(dir: string) {
    this.bare = path.join(dir, 'platform.git');
    this.worktree = path.join(dir, 'checkout');
    fs.mkdirSync(dir, { recursive: true });
    git(dir, ['init', '--quiet', '--bare', '--initial-branch', this.branch, this.bare]);
    git(dir, ['clone', '--quiet', this.bare, this.worktree]);
    git(this.worktree, ['checkout', '--quiet', '-B', this.branch]);
  }

  /** The URL the spec's `gitops.argocd.repoURL` names. */
  get url(): string {
    return `file://${this.bare}`;
  }

  /**
   * Replaces the checkout's content with `files` (relative path in the repository to the folder or
   * file it copies), commits it all and pushes; returns the commit's SHA.
   */
  commit(message: string, files: Record<string, string>): string {
    for (const entry of fs.readdirSync(this.worktree)) {
      if (entry !== '.git') fs.rmSync(path.join(this.worktree, entry), { recursive: true, force: true });
    }
    for (const [target, source] of Object.entries(files)) fs.cpSync(source, path.join(this.worktree, target), { recursive: true });
    git(this.worktree, ['add', '--all']);
    git(this.worktree, ['commit', '--quiet', '--allow-empty', '-m', message]);
    git(this.worktree, ['push', '--quiet', 'origin', this.branch]);
    return this.head();
  }

  head(): string {
    return git(this.worktree, ['rev-parse', 'HEAD']).trim();
  }
}

function git(cwd: string, args: readonly string[]): string {
  const result = run('git', args, { cwd, env: { ...process.env, ...GIT_ENV } });
  if (result.status !== 0) throw new HarnessError(`git ${args.join(' ')} (in ${cwd}): ${result.stderr.trim()}`);
  return result.stdout;
}
