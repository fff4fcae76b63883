import { SpecError } from '../platform-spec/errors';
import { ManifestValidationError } from '../synth/platform-app';
import { formatViolation } from '../validate';

/**
 * Runs a command-line entry point: a `SpecError` prints one line per problem, any other error its
 * message, and both exit 1 without a stack trace (the message is the user's to act on).
 */
export function runCli(main: () => void): void {
  try {
    main();
  } catch (e) {
    printError(e, 'nothing was written', 'synth failed');
    process.exitCode = 1;
  }
}

/**
 * Prints an error the way every command does: a `SpecError` one positioned line per problem, a
 * `ManifestValidationError` one line per violation, anything else its message (its stack with
 * SPARK_TENANCY_DEBUG). `outcome` ends the summary line (`nothing was written`); `failed` names a
 * failure that is neither.
 */
export function printError(e: unknown, outcome: string, failed: string): void {
  if (e instanceof SpecError) {
    for (const line of e.message.split('\n')) process.stderr.write(`error: ${line}\n`);
    process.stderr.write(`spark-tenancy: ${e.problems.length} problem(s) in the spec; ${outcome}\n`);
  } else if (e instanceof ManifestValidationError) {
    for (const violation of e.violations) process.stderr.write(`error: ${formatViolation(violation)}\n`);
    process.stderr.write(`spark-tenancy: ${e.violations.length} manifest violation(s); ${outcome}\n`);
  } else {
    process.stderr.write(`error: ${(e as Error).message ?? String(e)}\n`);
    if (process.env.SPARK_TENANCY_DEBUG) process.stderr.write(`${(e as Error).stack}\n`);
    process.stderr.write(`spark-tenancy: ${failed}; ${outcome}\n`);
  }
}

let warnings = 0;

/** Prints a warning the user must see, on stderr so it never mixes into YAML on stdout. */
export function warn(message: string): void {
  warnings++;
  process.stderr.write(`warning: ${message}\n`);
}

/** Warnings printed by this process so far (the synth summary counts its own). */
export function warningCount(): number {
  return warnings;
}
