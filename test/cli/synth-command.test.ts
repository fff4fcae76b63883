import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDirs } from '../harness/temp-dirs';

const REPO = path.join(__dirname, '..', '..');
const tmp = tempDirs();

/** A scratch project with the spec of test/cli/fixtures, two tenants and one config file. */
function project(): string {
  const dir = tmp('synth-command-');
  fs.cpSync(path.join(__dirname, 'fixtures', 'two-tenants'), dir, { recursive: true });
  return dir;
}

/** `npm run synth` in `dir`: bin/synth.js, the example app's entry, which runs `spark-tenancy synth`. */
function synth(dir: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(REPO, 'bin', 'synth.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SPARK_TENANCY_SPEC: '', CDK8S_OUTDIR: '' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const SUMMARY = /^synth: (\d+) namespaces in dist\/ \((\d+) written, (\d+) unchanged, (\d+) removed\), (\d+) objects, [\d.]+ KiB, (\d+) warnings\n$/;

describe('spark-tenancy synth', () => {
  test('ends with one summary line that counts what changed', () => {
    // GIVEN a project with a proxy and two tenants, never synthesized
    const dir = project();
    // WHEN synth runs
    const first = synth(dir);
    // THEN the summary counts three new files and their objects, and nothing else is printed
    expect(first.stderr).toBe('');
    const [, namespaces, written, unchanged, removed, objects, warnings] = first.stdout.match(SUMMARY)!;
    const documents = fs.readdirSync(path.join(dir, 'dist')).reduce((n, f) => n + fs.readFileSync(path.join(dir, 'dist', f), 'utf8').split(/^---$/m).length, 0);
    expect({ namespaces, written, unchanged, removed, objects: Number(objects), warnings }).toEqual({
      namespaces: '3',
      written: '3',
      unchanged: '0',
      removed: '0',
      objects: documents,
      warnings: '0',
    });

    // WHEN it runs again unchanged THEN every file is unchanged
    expect(synth(dir).stdout).toMatch(/\(0 written, 3 unchanged, 0 removed\)/);

    // WHEN a tenant is removed from the spec THEN its file is counted as removed, and the others, the
    // proxy's included (each tenant holds its own launch configuration), as unchanged
    const spec = path.join(dir, 'platform.yaml');
    fs.writeFileSync(spec, fs.readFileSync(spec, 'utf8').replace('  - namespace: beta\n', ''));
    expect(synth(dir).stdout).toMatch(/^synth: 2 namespaces in dist\/ \(0 written, 2 unchanged, 1 removed\)/);
  });

  test('--quiet prints nothing; --spec and --out are relative to where it runs', () => {
    // GIVEN the spec moved into a sub-folder
    const dir = project();
    fs.mkdirSync(path.join(dir, 'specs'));
    fs.renameSync(path.join(dir, 'platform.yaml'), path.join(dir, 'specs', 'platform.yaml'));
    fs.renameSync(path.join(dir, 'config'), path.join(dir, 'specs', 'config'));
    // WHEN synth runs quietly with both options
    const run = synth(dir, '--quiet', '--spec', 'specs/platform.yaml', '--out', 'out');
    // THEN it says nothing and writes where it was told
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(fs.readdirSync(path.join(dir, 'out')).sort()).toEqual(['alpha.k8s.yaml', 'beta.k8s.yaml', 'platform-proxy.k8s.yaml']);
  });

  test('--help prints the usage and synthesizes nothing; an unknown option exits 2', () => {
    // GIVEN a project WHEN synth runs with --help THEN it prints the usage and writes no dist/
    const dir = project();
    const help = synth(dir, '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: spark-tenancy synth [--spec FILE] [--out DIR] [--quiet]');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    // AND an option it does not know is a usage error
    const bad = synth(dir, '--qiuet');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--qiuet'");
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
