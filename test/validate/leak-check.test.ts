import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadPlatformFile, Platform } from '../../src';
import { resolveSpecObject } from '../../src/platform-spec/loader';
import { checkLeaks, entryName, leakCheckPassed, LeakFinding, WINDOW_BYTES } from '../../src/validate/leak-check';
import { synthNamespaces } from '../../src/testing';

const REPO = path.join(__dirname, '..', '..');
/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'example');
const LEAK_CHECK = path.join(REPO, 'bin', 'leak-check.js');
const SPEC = path.join(EXAMPLE, 'platform.yaml');

describe('leak check', () => {
  let root: string;
  let platform: Platform;
  let secret: Buffer;
  let secretEntry: string;
  /** A fresh synth of the example, written as `npm run synth` would. */
  let cleanDist: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'leak-check-'));
    platform = loadPlatformFile(SPEC);
    const file = platform.files.find(f => f.secret && f.content)!;
    secret = file.content!;
    secretEntry = entryName(file);
    cleanDist = path.join(root, 'clean');
    fs.mkdirSync(cleanDist);
    for (const [namespace, yaml] of synthNamespaces(platform)) fs.writeFileSync(path.join(cleanDist, `${namespace}.k8s.yaml`), yaml);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A copy of the clean dist with `text` appended to team-b's manifest. */
  function planted(name: string, text: string | Buffer): string {
    const dir = path.join(root, name);
    fs.cpSync(cleanDist, dir, { recursive: true });
    fs.appendFileSync(path.join(dir, 'team-b.k8s.yaml'), text);
    return dir;
  }
  /** A YAML comment line holding these bytes as they are. */
  const rawLine = (bytes: Buffer) => Buffer.concat([Buffer.from('# '), bytes, Buffer.from('\n')]);

  const summary = (findings: readonly LeakFinding[]) =>
    findings.map(f => ({ file: path.basename(f.file), entry: f.entry, encoding: f.encoding, whole: f.whole }));

  test('the example passes: its keytab is a secret, and no bytes of it are in a fresh synth', () => {
    // GIVEN the example and its synthesized manifests (the keytab is a secret file with a source)
    expect(secretEntry).toBe('files[1] app.keytab');
    // WHEN the leak check runs
    const result = checkLeaks(platform, cleanDist);
    // THEN the keytab was checked against every manifest, and nothing was found
    expect(result.secrets).toEqual(['files[1] app.keytab']);
    expect(result.files.map(f => path.basename(f)).sort()).toEqual([...synthNamespaces(platform).keys()].map(n => `${n}.k8s.yaml`).sort());
    expect(result.findings).toEqual([]);
  });

  test('the real CLI passes the example: exit 0 with a summary', () => {
    // WHEN `node bin/leak-check.js <dist> --spec platform.yaml` runs on the fresh synth
    const run = spawnSync(process.execPath, [LEAK_CHECK, cleanDist, '--spec', SPEC], { cwd: REPO, encoding: 'utf8' });
    // THEN it exits 0 and says what it checked
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain(`no secret bytes in ${cleanDist}: 1 secret file(s) (files[1] app.keytab) against ${fs.readdirSync(cleanDist).length} file(s)`);
  });

  // Each plant: what is appended to team-b's manifest, and the encoding the check must name.
  const plants: [string, () => string | Buffer, string, boolean][] = [
    ['raw, whole', () => rawLine(secret), 'raw', true],
    ['base64, alignment 0', () => `# ${secret.toString('base64')}\n`, 'base64 (alignment 0)', true],
    ['base64, alignment 1 (first byte dropped)', () => `# ${secret.subarray(1).toString('base64')}\n`, 'base64 (alignment 1)', true],
    ['base64, alignment 2 (two bytes dropped)', () => `# ${secret.subarray(2).toString('base64')}\n`, 'base64 (alignment 2)', true],
    ['base64url', () => `# ${secret.toString('base64url')}\n`, 'base64url (alignment 0)', true],
    ['hex, lowercase', () => `# ${secret.toString('hex')}\n`, 'hex', true],
    ['hex, uppercase', () => `# ${secret.toString('hex').toUpperCase()}\n`, 'hex', true],
    [
      'hex spaced out like a hex dump',
      () =>
        `---\ndump: |\n${secret
          .toString('hex')
          .match(/.{1,32}/g)!
          .map(l => `  ${l.match(/.{1,4}/g)!.join(' ')}`)
          .join('\n')}\n`,
      'hex',
      true,
    ],
    [
      'base64 wrapped over lines in a block scalar',
      () =>
        `---\nwrapped: |\n${secret
          .toString('base64')
          .match(/.{1,20}/g)!
          .map(l => `  ${l}`)
          .join('\n')}\n`,
      'base64 (alignment 0)',
      true,
    ],
    ['raw bytes as escapes in a YAML string', () => `---\nescaped: "${[...secret].map(b => `\\x${b.toString(16).padStart(2, '0')}`).join('')}"\n`, 'raw', true],
    ['raw, a 20-byte run from the middle', () => rawLine(secret.subarray(64, 84)), 'raw', false],
    ['hex of a 20-byte run from the middle', () => `# ${secret.subarray(64, 84).toString('hex')}\n`, 'hex', false],
  ];

  test.each(plants)('a planted leak is found: %s', (name, text, encoding, whole) => {
    // GIVEN the clean dist with the secret planted in team-b's manifest
    const dir = planted(name.replace(/\W+/g, '-'), text());
    // WHEN the leak check runs
    const findings = checkLeaks(platform, dir).findings;
    // THEN it names the file, the spec entry and the encoding (and whether the whole secret leaked)
    expect(summary(findings)).toContainEqual({ file: 'team-b.k8s.yaml', entry: 'files[1] app.keytab', encoding, whole });
    expect(findings.every(f => path.basename(f.file) === 'team-b.k8s.yaml')).toBe(true);
  });

  test.each([0, 1, 2, 3, 4, 5])('base64 of a longer stream holding the secret after %i other bytes: found at the alignment it lands on', before => {
    // GIVEN a stream of `before` other bytes, the secret and more bytes, base64-encoded as one value
    const stream = Buffer.concat([Buffer.alloc(before, 0x7a), secret, Buffer.from('tail')]);
    const dir = planted(`stream-${before}`, `---\nblob: ${stream.toString('base64')}\n`);
    // WHEN the leak check runs
    const findings = checkLeaks(platform, dir).findings;
    // THEN it finds the secret's base64 at the alignment where its first whole 3-byte group starts
    const alignment = (3 - (before % 3)) % 3;
    expect(summary(findings)).toContainEqual({
      file: 'team-b.k8s.yaml',
      entry: 'files[1] app.keytab',
      encoding: `base64 (alignment ${alignment})`,
      whole: true,
    });
  });

  test(`a run shorter than the ${WINDOW_BYTES}-byte window is not evidence; a run of exactly the window is`, () => {
    // GIVEN one dist with 15 bytes of the secret's key material and one with 16
    const short = planted('short-run', `# ${secret.subarray(70, 70 + WINDOW_BYTES - 1).toString('hex')}\n`);
    const exact = planted('exact-run', `# ${secret.subarray(70, 70 + WINDOW_BYTES).toString('hex')}\n`);
    // WHEN both are checked THEN only the window-long run is reported
    expect(checkLeaks(platform, short).findings).toEqual([]);
    expect(summary(checkLeaks(platform, exact).findings)).toEqual([{ file: 'team-b.k8s.yaml', entry: 'files[1] app.keytab', encoding: 'hex', whole: false }]);
  });

  test('bytes the spec publishes are not a leak: the principal is both in the keytab and in spark properties', () => {
    // GIVEN the principal's host name, which the keytab holds and spark.kerberos.principal names
    const published = 'spark.example.com';
    expect(secret.includes(Buffer.from(published))).toBe(true);
    expect(fs.readFileSync(path.join(cleanDist, 'team-a.k8s.yaml'), 'utf8')).toContain(published);
    // WHEN a dist holding it is checked THEN there is nothing to report
    expect(checkLeaks(platform, planted('published', `# ${published}\n`)).findings).toEqual([]);
  });

  test('the real CLI fails on a planted leak: exit 1, naming the file, the entry and the encoding', () => {
    // GIVEN a dist with the keytab planted as base64 with its first byte dropped
    const dir = planted('cli-leak', `# ${secret.subarray(1).toString('base64')}\n`);
    // WHEN the CLI runs on it
    const run = spawnSync(process.execPath, [LEAK_CHECK, dir, '--spec', SPEC], { cwd: REPO, encoding: 'utf8' });
    // THEN it exits 1 and names file:line, the spec entry and the encoding
    const lines = fs.readFileSync(path.join(dir, 'team-b.k8s.yaml'), 'utf8').split('\n').length - 1;
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`leak-check: ${dir}/team-b.k8s.yaml:${lines}: the whole of secret files[1] app.keytab found base64 (alignment 1)\n`);
    expect(run.stderr).toMatch(/leak-check: 1 leak\(s\) of secret files in /);
  });

  /** A platform that writes its secret file as a plaintext Secret, its spec file and its synth, under `dir`. */
  function plaintextPlatform(dir: string): Record<string, unknown> {
    fs.mkdirSync(path.join(dir, 'config'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'config', 'token'), 'a secret token that is long enough\n');
    const spec = {
      name: 'plain',
      image: 'registry.example.com/plain:1',
      roleEnv: 'PLAIN_EXECUTOR',
      proxy: { namespace: 'plain-proxy' },
      allowPlaintextSecrets: true,
      files: [{ name: 'token', source: 'config/token', secret: true, mountPath: '/etc/plain', roles: ['engine' as const] }],
      tenants: [{ namespace: 'plain-a' }],
    };
    fs.writeFileSync(path.join(dir, 'platform.yaml'), JSON.stringify(spec));
    const out = path.join(dir, 'dist');
    fs.mkdirSync(out);
    for (const [namespace, yaml] of synthNamespaces(resolveSpecObject(spec, { baseDir: dir }))) fs.writeFileSync(path.join(out, `${namespace}.k8s.yaml`), yaml);
    return spec;
  }

  test('allowPlaintextSecrets without --allow-plaintext: the gate fails, shows the plaintext secret and names the flag', () => {
    // GIVEN a platform that writes its secret files as plaintext Secrets, and its synth (which holds the secret in base64)
    const dir = path.join(root, 'plaintext-refused');
    const spec = plaintextPlatform(dir);
    // WHEN the leak check runs, as a function and as the CLI, without the flag
    const result = checkLeaks(resolveSpecObject(spec, { baseDir: dir }), path.join(dir, 'dist'), 'dist');
    const run = spawnSync(process.execPath, [LEAK_CHECK, 'dist', '--spec', 'platform.yaml'], { cwd: dir, encoding: 'utf8' });
    // THEN it checks and refuses: the plaintext Secret is a finding, and the last line says which flag accepts it
    const refused =
      'the spec sets allowPlaintextSecrets: true, so dist holds the secret files as plaintext Secrets by design ' +
      '(that output must never be committed); pass --allow-plaintext to accept that output, or remove allowPlaintextSecrets';
    expect(result.refused).toBe(refused);
    expect(leakCheckPassed(result)).toBe(false);
    expect(summary(result.findings)).toContainEqual({ file: 'plain-a.k8s.yaml', entry: 'files[0] token', encoding: 'base64 (alignment 0)', whole: true });
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: '' });
    expect(run.stderr.trimEnd().split('\n').pop()).toBe(`leak-check: failed: ${refused}`);
  });

  test('allowPlaintextSecrets with --allow-plaintext: skipped, saying why and by which flag, exit 0', () => {
    // GIVEN the same plaintext platform
    const dir = path.join(root, 'plaintext-accepted');
    const spec = plaintextPlatform(dir);
    // WHEN the leak check runs with the flag
    const result = checkLeaks(resolveSpecObject(spec, { baseDir: dir }), path.join(dir, 'dist'), 'dist', { allowPlaintext: true });
    const run = spawnSync(process.execPath, [LEAK_CHECK, 'dist', '--spec', 'platform.yaml', '--allow-plaintext'], { cwd: dir, encoding: 'utf8' });
    // THEN it is skipped with the reason and the flag, and the CLI exits 0 printing it
    expect(result.skipped).toBe(
      'the spec sets allowPlaintextSecrets: true, so dist holds the secret files as plaintext Secrets by design ' +
        '(that output must never be committed); accepted by --allow-plaintext',
    );
    expect(leakCheckPassed(result)).toBe(true);
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 0,
      stdout: `leak-check: skipped: ${result.skipped}\n`,
      stderr: '',
    });
  });

  test('a secret whose bytes reach dist/ by a hand edit is a leak, whatever the spec says', () => {
    // GIVEN the example's output, with the keytab pasted into a ConfigMap by hand (synth itself refuses a
    // non-secret entry whose content equals a secret's, so only an edit or another tool puts it there)
    const dir = path.join(root, 'copied-keytab');
    fs.cpSync(path.join(EXAMPLE, 'config'), path.join(dir, 'config'), { recursive: true });
    fs.copyFileSync(SPEC, path.join(dir, 'platform.yaml'));
    const platform = loadPlatformFile(path.join(dir, 'platform.yaml'));
    const out = path.join(dir, 'dist');
    fs.mkdirSync(out);
    for (const [namespace, yaml] of synthNamespaces(platform)) fs.writeFileSync(path.join(out, `${namespace}.k8s.yaml`), yaml);
    const keytab = fs.readFileSync(path.join(EXAMPLE, 'config', 'app.keytab')).toString('base64');
    fs.appendFileSync(
      path.join(out, 'team-a.k8s.yaml'),
      `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pasted\n  namespace: team-a\nbinaryData:\n  copy.keytab: ${keytab}\n`,
    );
    // WHEN the CLI checks that output
    const run = spawnSync(process.execPath, [LEAK_CHECK, 'dist', '--spec', 'platform.yaml'], { cwd: dir, encoding: 'utf8' });
    // THEN it fails (exit 1) and names the file and the secret entry found whole, as base64
    const result = checkLeaks(platform, out, 'dist');
    expect(summary(result.findings)).toContainEqual({ file: 'team-a.k8s.yaml', entry: 'files[1] app.keytab', encoding: 'base64 (alignment 0)', whole: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^leak-check: dist\/team-a\.k8s\.yaml:\d+: the whole of secret files\[1\] app\.keytab found base64 \(alignment 0\)$/m);
  });

  test('a secret whose bytes the spec also holds is still a leak when they reach the output', () => {
    // GIVEN a plaintext-free platform whose secret token is also written, as text, into a spark property
    const dir = path.join(root, 'spec-publishes');
    fs.mkdirSync(path.join(dir, 'config'), { recursive: true });
    const token = 'a secret token that is long enough';
    fs.writeFileSync(path.join(dir, 'config', 'token'), token);
    const spec = {
      name: 'pub',
      image: 'registry.example.com/pub:1',
      roleEnv: 'PUB_EXECUTOR',
      proxy: { namespace: 'pub-proxy' },
      spark: { properties: { 'spark.hadoop.fs.s3a.secret.key': token } },
      files: [{ name: 'token', source: 'config/token', secret: true, mountPath: '/etc/pub', roles: ['engine' as const] }],
      tenants: [{ namespace: 'pub-a' }],
    };
    const pub = resolveSpecObject(spec, { baseDir: dir });
    const out = path.join(dir, 'dist');
    fs.mkdirSync(out);
    for (const [namespace, yaml] of synthNamespaces(pub)) fs.writeFileSync(path.join(out, `${namespace}.k8s.yaml`), yaml);
    // WHEN the leak check runs
    const result = checkLeaks(pub, out, 'dist');
    // THEN the property's copy of the token is a finding that says the spec holds it too
    expect(leakCheckPassed(result)).toBe(false);
    expect(result.findings.map(f => ({ file: path.basename(f.file), encoding: f.encoding, whole: f.whole, alsoIn: f.alsoIn }))).toContainEqual({
      file: 'pub-a.k8s.yaml',
      encoding: 'raw',
      whole: true,
      alsoIn: ['the spec'],
    });
  });
});
