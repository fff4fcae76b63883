/**
 * Exit codes of every `spark-tenancy` subcommand:
 * - 0: done, nothing to report;
 * - 1: the command ran and found problems (spec errors, manifest violations, leaks, a failed synth);
 * - 2: the command could not run (bad arguments, a missing folder or file).
 */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** One subcommand of `spark-tenancy`: its `--help` text and what it runs; resolves to the exit code. */
export interface Command {
  /** One line for `spark-tenancy --help`. */
  readonly summary: string;
  /** Runs the subcommand with the arguments after its name. */
  readonly run: (argv: readonly string[]) => Promise<number>;
}

/** What every `--help` ends with. */
export const EXIT_CODES_HELP = 'exit codes: 0 done, 1 problems found (printed on stderr), 2 could not run (bad arguments, missing files)';

/** Whether the arguments ask for help; checked before anything else runs, so `--help` never does work. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Prints a usage problem and returns exit code 2. */
export function usageError(command: string, message: string, usage: string): number {
  process.stderr.write(`spark-tenancy ${command}: ${message}\n${usage ? `${usage}\n` : ''}`);
  return EXIT.usage;
}

/** A problem with the arguments (exit code 2), as opposed to one the command found (exit code 1). */
export class UsageError extends Error {}
