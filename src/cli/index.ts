import { Command, EXIT, EXIT_CODES_HELP, usageError } from './command';
import { runHelm } from './helm-command';
import { runImport } from './import-command';
import { runLeakCheck } from './leak-check-command';
import { runPlan } from '../plan/cli';
import { runExplain } from '../explain/cli';
import { runSynth } from './synth-command';
import { runValidate } from './validate-command';

export { EXIT } from './command';
export { runCli, warn } from './report';
export { runSynth } from './synth-command';

/**
 * The subcommands of `spark-tenancy`, one line each: a new one is a function
 * `(argv) => Promise<number>` (the exit code) and its one-line summary here.
 */
export const COMMANDS: Readonly<Record<string, Command>> = {
  synth: { summary: 'write one manifest per namespace from the platform spec', run: runSynth },
  validate: { summary: 'check a folder of manifests offline, as strictly as the API server', run: runValidate },
  'leak-check': { summary: 'fail when secret source bytes appear in the output', run: runLeakCheck },
  import: { summary: "turn a hand-made namespace's ConfigMaps into config files and files: entries", run: runImport },
  helm: { summary: 'write the platform as a Helm chart', run: runHelm },
  plan: { summary: 'what a synth would change in dist/, for review (exit 0 none, 2 changes, 1 error)', run: runPlan },
  explain: { summary: 'write docs/platform.md: a Mermaid picture of namespaces, files and flows', run: runExplain },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map(name => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return [
    'usage: spark-tenancy <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    "`spark-tenancy <command> --help` describes each command's options.",
    EXIT_CODES_HELP,
  ].join('\n');
}

/** The `spark-tenancy` command line: dispatches to a subcommand and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined)
    return usageError(name, `unknown command; one of ${Object.keys(COMMANDS).join(', ')}`, 'usage: spark-tenancy <command> [options] (spark-tenancy --help)');
  return command.run(rest);
}
