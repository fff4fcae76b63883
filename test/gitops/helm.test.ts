import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { checkChartVersion, escapeHelmDelimiters, parseHelmArgs, synthHelmChart } from '../../src/gitops/helm';
import { synthNamespaces } from '../../src/testing';

const REPO_ROOT = path.join(__dirname, '..', '..');
/** Not part of a checkout (outputs, history), or linked rather than copied (node_modules). */
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', 'dist-helm', 'test', 'coverage', 'lib']);

let workRoot: string;
let checkout: string;

/** The library's own copy of the example (not the root platform.yaml, which a user edits). */
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'example');

/** A copy of the repository in a folder whose name is not the package's, with the fixture as its spec. */
beforeAll(() => {
  workRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-tenancy-helm-test-'));
  checkout = path.join(workRoot, 'some-checkout');
  fs.mkdirSync(checkout);
  for (const entry of fs.readdirSync(REPO_ROOT).filter(e => !NOT_COPIED.has(e))) {
    fs.cpSync(path.join(REPO_ROOT, entry), path.join(checkout, entry), { recursive: true });
  }
  fs.rmSync(path.join(checkout, 'config'), { recursive: true, force: true });
  fs.cpSync(FIXTURE, checkout, { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
});

afterAll(() => fs.rmSync(workRoot, { recursive: true, force: true }));

/** `npm run synth:helm -- <args>`, as the package script runs it, in the checkout. */
function runSynthHelm(args: string[]) {
  return spawnSync(process.execPath, ['bin/synth-helm.js', ...args], {
    cwd: checkout,
    encoding: 'utf8',
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
  });
}

/** Every file under `dir`, relative path → bytes. */
function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.relative(dir, path.join(entry.parentPath, entry.name)), fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

describe('npm run synth:helm', () => {
  test('writes a chart named after the package, one template per namespace, identical on every run', () => {
    // GIVEN a checkout in a folder called "some-checkout"
    // WHEN synth:helm runs twice with --chart-version 1.2.3
    const first = runSynthHelm(['--chart-version', '1.2.3']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const chartDir = path.join(checkout, 'dist-helm');
    const firstTree = readTree(chartDir);
    const second = runSynthHelm(['--chart-version', '1.2.3']);
    expect(second.status).toBe(0);

    // THEN Chart.yaml names the chart spark-tenancy (package.json), not some-checkout, with the version
    expect(parse(firstTree.get('Chart.yaml')!.toString())).toEqual({
      apiVersion: 'v2',
      name: 'spark-tenancy',
      version: '1.2.3',
      description: 'Generated chart for spark-tenancy',
      type: 'application',
    });
    // AND the templates are the namespaces' manifests, exactly as synth renders them, with nothing left over from staging;
    // the Argo CD file is left out, so that a Helm release and Argo CD never own the same objects
    const namespaces = synthNamespaces(path.join(checkout, 'platform.yaml'));
    expect(namespaces.has('argocd')).toBe(true);
    namespaces.delete('argocd');
    expect([...firstTree.keys()].sort()).toEqual(
      ['Chart.yaml', 'README.md', ...[...namespaces.keys()].map(ns => path.join('templates', `${ns}.k8s.yaml`))].sort(),
    );
    for (const [namespace, yaml] of namespaces) expect(firstTree.get(path.join('templates', `${namespace}.k8s.yaml`))!.toString()).toBe(yaml);
    expect(fs.readdirSync(checkout).filter(entry => entry.includes('staging'))).toEqual([]);
    // AND the second run wrote the same bytes
    expect(readTree(chartDir)).toEqual(firstTree);
    expect(first.stdout).toContain('wrote Helm chart spark-tenancy to dist-helm/ (4 templates');
  });

  test('without --chart-version it fails with the message and leaves the chart alone', () => {
    // GIVEN a chart folder from an earlier run
    fs.mkdirSync(path.join(checkout, 'dist-helm'), { recursive: true });
    fs.writeFileSync(path.join(checkout, 'dist-helm', 'Chart.yaml'), 'name: earlier\n');
    const before = readTree(path.join(checkout, 'dist-helm'));
    // WHEN synth:helm runs without a version
    const result = runSynthHelm([]);
    // THEN it exits 2 (bad arguments) saying what is missing and how to give it, and the chart is as it was
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('spark-tenancy helm: --chart-version is required');
    expect(result.stderr).toContain('usage: spark-tenancy helm --chart-version <semver>');
    expect(readTree(path.join(checkout, 'dist-helm'))).toEqual(before);
  });

  test.each([
    ['1.2', /"1.2" is not a SemVer 2 version/],
    ['v1.2.3', /write 1\.2\.3 without the "v"/],
    ['01.2.3', /not a SemVer 2 version/],
    ['latest', /not a SemVer 2 version/],
  ])('--chart-version %s is refused', (version, message) => {
    // GIVEN a version Helm would not accept WHEN the arguments are read THEN the message says why
    expect(() => parseHelmArgs(['--chart-version', version])).toThrow(message);
  });

  test.each(['1.2.3', '0.0.1-rc.1', '2.0.0+build.7', '1.0.0-alpha.beta.1'])('--chart-version %s is accepted', version => {
    expect(() => checkChartVersion(version)).not.toThrow();
  });

  test('leaves out the Argo CD file and escapes "{{" so Helm renders config files as they are', () => {
    // GIVEN a spec with gitops.argocd whose config file contains Go template syntax
    const dir = path.join(workRoot, 'templated');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'app.conf'), 'greeting={{ .Values.greeting }}\n');
    const spec = parse(fs.readFileSync(path.join(checkout, 'platform.yaml'), 'utf8'));
    fs.writeFileSync(
      path.join(dir, 'platform.yaml'),
      stringify({
        ...spec,
        files: [{ name: 'app.conf', source: 'app.conf', mountPath: '/etc/app', roles: ['engine'] }],
        kerberos: undefined,
        gitops: { argocd: { repoURL: 'https://git.example.com/p.git' } },
      }),
    );

    // WHEN the chart is synthesized
    const result = synthHelmChart({ chartVersion: '1.0.0', specFile: path.join(dir, 'platform.yaml'), outDir: path.join(dir, 'chart') });

    // THEN argocd.k8s.yaml is not a template (Argo CD applies dist/; a Helm release must not own it too)
    expect(result.templates).toEqual(['my-project.k8s.yaml', 'team-a.k8s.yaml', 'team-b.k8s.yaml', 'team-c.k8s.yaml']);
    // AND the template holds the escaped text, which Helm renders back to the file's exact content
    // (team-c: its objects transport keeps the file as text in a ConfigMap, where env would carry base64)
    const template = fs.readFileSync(path.join(dir, 'chart', 'templates', 'team-c.k8s.yaml'), 'utf8');
    expect(template).toContain('greeting={{"{{"}} .Values.greeting }}');
    expect(template.replace(/\{\{"\{\{"\}\}/g, '{{')).toBe(synthNamespaces(path.join(dir, 'platform.yaml')).get('team-c'));
  });

  test('escapeHelmDelimiters leaves text without "{{" untouched', () => {
    expect(escapeHelmDelimiters('a: "}} {"\n')).toBe('a: "}} {"\n');
    expect(escapeHelmDelimiters('{{{{')).toBe('{{"{{"}}{{"{{"}}');
  });
});
