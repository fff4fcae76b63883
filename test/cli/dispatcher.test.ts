import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { COMMANDS } from '../../src/cli';
import { tempDirs } from '../harness/temp-dirs';

const REPO = path.join(__dirname, '..', '..');
const tmp = tempDirs();

/** `spark-tenancy <argv>` from the sources (bin/spark-tenancy.js runs the same `main`, compiled). */
function cli(cwd: string, ...argv: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = `require(${JSON.stringify(path.join(REPO, 'src', 'cli'))}).main(process.argv.slice(1)).then(code => { process.exitCode = code; })`;
  const result = spawnSync(process.execPath, ['-r', path.join(REPO, 'bin', 'register.js'), '-e', script, '--', ...argv], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('spark-tenancy', () => {
  test('--help lists every subcommand of the table and the exit codes', () => {
    const help = cli(REPO, '--help');
    expect(help.status).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(help.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(help.stdout).toContain('exit codes: 0 done, 1 problems found');
  });

  test('no command or an unknown one is a usage error (exit 2)', () => {
    expect(cli(REPO).status).toBe(2);
    const unknown = cli(REPO, 'sytnh');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('spark-tenancy sytnh: unknown command; one of synth, validate, leak-check, import, helm');
  });

  test.each(Object.keys(COMMANDS))('%s --help prints its usage and exit codes, and does nothing else', name => {
    // GIVEN an empty folder WHEN the subcommand runs with --help
    const dir = tmp(`help-${name}-`);
    const help = cli(dir, name, '--help');
    // THEN it prints its own usage and writes nothing
    expect(help.status).toBe(0);
    expect(help.stdout).toContain(`usage: spark-tenancy ${name}`);
    expect(help.stdout).toContain('exit codes:');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('validate and leak-check on a missing folder cannot run (exit 2)', () => {
    const dir = tmp('missing-');
    expect(cli(dir, 'validate', 'nowhere').status).toBe(2);
    expect(cli(dir, 'leak-check', 'nowhere').status).toBe(2);
  });
});
