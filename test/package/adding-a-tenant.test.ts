import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDirs } from '../harness/temp-dirs';

// README "Adding a tenant", step by step in a copy of this checkout, then what CI runs: the loop the
// README gives keeps CI green, and leaving out `npm test -- -u` fails CI (jest under CI=true never
// writes a new snapshot: an unreviewed namespace must not pass by recording itself).
//
// The suites run in the copy are those that read the root platform.yaml or the committed dist/
// (the snapshots, the drift checks) and those that used to (they now read test/fixtures/example);
// running the whole suite again inside the suite would double CI's time for no other coverage.

const REPO = path.join(__dirname, '..', '..');
const tmp = tempDirs();
const SUITES = [
  'test/snapshots',
  'test/synth/synth-platform.test.ts',
  'test/determinism',
  'test/constructs',
  'test/gitops/argo-cd.test.ts',
  'test/validate/leak-check.test.ts',
  'test/network',
];

/** A copy of the checkout as git sees it (tracked and new files), sharing node_modules. */
function copyCheckout(): string {
  const dir = path.join(tmp('adding-a-tenant-'), 'checkout');
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(REPO, file))) continue; // deleted in the work tree
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(REPO, file), path.join(dir, file));
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function jest(cwd: string, args: readonly string[], env: Record<string, string>): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'jest', 'bin', 'jest.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('README "Adding a tenant"', () => {
  test('one line in platform.yaml, npm run synth, npm test -- -u: CI stays green; without -u, CI fails', () => {
    // GIVEN a copy of this checkout (whatever tenants its platform.yaml has) with one more tenant
    const dir = copyCheckout();
    const before = fs.readdirSync(path.join(dir, 'dist')).filter(f => f.endsWith('.k8s.yaml')).length;
    const picture = fs.readFileSync(path.join(dir, 'docs', 'platform.md'), 'utf8');
    fs.appendFileSync(path.join(dir, 'platform.yaml'), '  - namespace: team-new\n');
    // WHEN `npm run synth` runs (the package script: dist/, then the picture in docs/platform.md)
    const synth = spawnSync('sh', ['-c', JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts.synth], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, SPARK_TENANCY_SPEC: '' },
    });
    expect(synth.status).toBe(0);
    // THEN two files are written, the new namespace's and Argo CD's: the proxy's and every other tenant's stay the same
    expect(synth.stdout).toContain(`synth: ${before + 1} namespaces in dist/ (2 written, ${before - 1} unchanged, 0 removed)`);
    expect(fs.existsSync(path.join(dir, 'dist', 'team-new.k8s.yaml'))).toBe(true);
    // AND the picture of the platform shows the new namespace
    const redrawn = fs.readFileSync(path.join(dir, 'docs', 'platform.md'), 'utf8');
    expect(redrawn).not.toBe(picture);
    expect(redrawn).toContain('team-new');

    // THEN without recording the new snapshot, CI's `npm test` fails and says why
    const forgotten = jest(dir, ['--ci', 'test/snapshots'], { CI: 'true' });
    expect(forgotten.status).not.toBe(0);
    expect(forgotten.output).toContain('New snapshot was not written');

    // WHEN `npm test -- -u` records it (only test/snapshots has snapshots, so only it is run here)
    const recorded = jest(dir, ['--ci=false', '-u', 'test/snapshots'], {});
    expect(recorded.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'test', 'snapshots', '__snapshots__', 'namespaces.test.ts.snap'), 'utf8')).toContain(
      'exports[`team-new.k8s.yaml 1`]',
    );

    // THEN CI (CI=true, no snapshot writing) passes every suite that reads the spec or dist/
    const ci = jest(dir, ['--ci', ...SUITES], { CI: 'true' });
    expect({ status: ci.status, failures: ci.output.split('\n').filter(line => /^\s+●|^FAIL/.test(line)) }).toEqual({ status: 0, failures: [] });
  }, 1_200_000);
});
