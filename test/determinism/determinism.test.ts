import { spawnSync } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The committed dist/ is what GitOps applies, so synth must be a pure function of platform.yaml and
 * config/: the same bytes in any folder, time zone, locale or home directory, and equal to what is
 * committed (the drift check CI runs, as a test).
 */

const REPO = path.join(__dirname, '..', '..');
const SYNTH = path.join(REPO, 'bin', 'synth.js');

/** Every file under `dir`: relative path → sha256. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string, prefix: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(at, entry.name), rel);
      else
        out.set(
          rel,
          createHash('sha256')
            .update(fs.readFileSync(path.join(at, entry.name)))
            .digest('hex'),
        );
    }
  };
  walk(dir, '');
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A user's working copy of the example in its own folder: platform.yaml and config/. */
function workingCopy(root: string, name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(REPO, 'platform.yaml'), path.join(dir, 'platform.yaml'));
  fs.cpSync(path.join(REPO, 'config'), path.join(dir, 'config'), { recursive: true });
  return dir;
}

describe('synth is deterministic', () => {
  let root: string;
  let envA: NodeJS.ProcessEnv;
  let envB: NodeJS.ProcessEnv;
  let distA: Map<string, string>;
  let distB: Map<string, string>;
  let dirA: string;
  let dirB: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'determinism-'));
    const base = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    fs.mkdirSync(path.join(root, 'home-a'));
    fs.mkdirSync(path.join(root, 'home-b'));
    envA = { ...base, TZ: 'UTC', LANG: 'C', LC_ALL: 'C', HOME: path.join(root, 'home-a') };
    envB = {
      ...base,
      TZ: 'Pacific/Chatham', // UTC+12:45 / +13:45: no whole-hour offset hides a time-zone dependence
      LANG: 'tr_TR.UTF-8', // Turkish: dotless i, decimal comma, day-first dates
      LC_ALL: 'tr_TR.UTF-8',
      HOME: path.join(root, 'home-b'),
      [`SPARK_TENANCY_NOISE_${randomBytes(4).toString('hex').toUpperCase()}`]: randomBytes(16).toString('hex'),
    };
    dirA = workingCopy(root, 'a');
    dirB = workingCopy(root, 'copy of b with spaces');
    for (const [dir, env] of [
      [dirA, envA],
      [dirB, envB],
    ] as const) {
      // WHEN `node bin/synth.js` runs in each folder with its own environment
      const run = spawnSync(process.execPath, [SYNTH], { cwd: dir, env: { ...env, SPARK_TENANCY_SPEC: path.join(dir, 'platform.yaml') }, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`synth in ${dir} failed (${run.status}): ${run.stderr}`);
    }
    distA = tree(path.join(dirA, 'dist'));
    distB = tree(path.join(dirB, 'dist'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('the two environments really differ: time zone, locale and home are visible to node', () => {
    // GIVEN a probe of what the environments change in node itself
    const probe = (env: NodeJS.ProcessEnv) =>
      spawnSync(
        process.execPath,
        [
          '-e',
          `
      const d = new Date(Date.UTC(2024, 0, 1, 12));
      console.log(JSON.stringify([d.toString(), d.getHours(), Intl.DateTimeFormat().resolvedOptions().timeZone,
        Intl.DateTimeFormat().resolvedOptions().locale, (1234.5).toLocaleString(), d.toLocaleString(), require('os').homedir()]));
    `,
        ],
        { env, encoding: 'utf8' },
      ).stdout;
    // THEN every probed value differs, so a synth that read any of them would differ too
    const [a, b] = [JSON.parse(probe(envA)) as unknown[], JSON.parse(probe(envB)) as unknown[]];
    a.forEach((value, i) => expect({ i, a: value, differs: value !== b[i] }).toEqual({ i, a: value, differs: true }));
  });

  test('two synths in different folders and environments write byte-identical dist/', () => {
    // THEN the same files, byte for byte
    expect(distA.size).toBeGreaterThan(0);
    expect([...distB.keys()]).toEqual([...distA.keys()]);
    expect(distB).toEqual(distA);
  });

  test('and they equal the committed dist/ (the GitOps drift check)', () => {
    // GIVEN the repository's committed manifests
    const committed = new Map([...tree(path.join(REPO, 'dist'))].filter(([name]) => name.endsWith('.k8s.yaml')));
    // THEN a fresh synth has exactly the same manifests; if this fails, run `npm run synth` and commit dist/
    expect([...distA.keys()].filter(name => name.endsWith('.k8s.yaml'))).toEqual([...committed.keys()]);
    for (const [name, hash] of committed) {
      expect({ name, hash: distA.get(name) }).toEqual({ name, hash });
    }
  });
});
