import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import { loadPlatformFile, PlatformApp, SparkPlatform } from '../../src';
import { writeDist } from '../../src/synth/dist-writer';
import { renderChart } from '../../src/synth/platform-app';
import { writeFleetSpec } from '../../bench/fleet-spec';
import { tempDirs } from '../harness/temp-dirs';

const REPO = path.join(__dirname, '..', '..');
/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'example');
const tmp = tempDirs();

/** A scratch project: the example spec and its config/ files, with the spec text changed by `edit`. */
function scratchProject(edit: (spec: string) => string = s => s): string {
  const dir = tmp('synth-');
  fs.cpSync(path.join(EXAMPLE, 'config'), path.join(dir, 'config'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'platform.yaml'), edit(fs.readFileSync(path.join(EXAMPLE, 'platform.yaml'), 'utf8')));
  return dir;
}

function synth(dir: string): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(REPO, 'bin', 'synth.js')], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, SPARK_TENANCY_SPEC: '' },
  });
  return { status: run.status, stderr: run.stderr };
}

/** file name → sha256 of every file in dist/. */
function hashes(dir: string): Record<string, string> {
  const dist = path.join(dir, 'dist');
  return Object.fromEntries(
    fs
      .readdirSync(dist)
      .sort()
      .map(f => [
        f,
        createHash('sha256')
          .update(fs.readFileSync(path.join(dist, f)))
          .digest('hex'),
      ]),
  );
}

describe('npm run synth (bin/synth.js)', () => {
  test('writes one file per namespace, and a second run changes no byte', () => {
    // GIVEN the example
    const dir = scratchProject();
    // WHEN synth runs twice
    expect(synth(dir)).toEqual({ status: 0, stderr: '' });
    const first = hashes(dir);
    expect(synth(dir).status).toBe(0);
    // THEN there is exactly one manifest per namespace, identical across runs
    expect(Object.keys(first)).toEqual(['argocd.k8s.yaml', 'my-project.k8s.yaml', 'team-a.k8s.yaml', 'team-b.k8s.yaml', 'team-c.k8s.yaml']);
    expect(hashes(dir)).toEqual(first);
  });

  test('the file of a tenant that is gone is removed; files that are not manifests stay', () => {
    // GIVEN a synthesized example with a README in dist/
    const dir = scratchProject();
    synth(dir);
    fs.writeFileSync(path.join(dir, 'dist', 'README.md'), 'applied by Argo CD\n');
    // WHEN team-b is deleted from the spec and synth runs again
    fs.writeFileSync(
      path.join(dir, 'platform.yaml'),
      fs.readFileSync(path.join(dir, 'platform.yaml'), 'utf8').replace(/ {2}- namespace: team-b\n( {4}.*\n)*/, ''),
    );
    expect(synth(dir).status).toBe(0);
    // THEN its manifest is gone and the other files are kept
    expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual([
      'README.md',
      'argocd.k8s.yaml',
      'my-project.k8s.yaml',
      'team-a.k8s.yaml',
      'team-c.k8s.yaml',
    ]);
  });

  test('a broken spec exits non-zero with file, line and field, and leaves dist/ as it was', () => {
    // GIVEN a synthesized example
    const dir = scratchProject();
    synth(dir);
    const before = hashes(dir);
    // WHEN a tenant namespace becomes invalid
    fs.writeFileSync(
      path.join(dir, 'platform.yaml'),
      fs.readFileSync(path.join(dir, 'platform.yaml'), 'utf8').replace('namespace: team-b', 'namespace: Team_B'),
    );
    const result = synth(dir);
    // THEN the message points at it and nothing was written
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error: platform.yaml:95:16: tenants[1].namespace: "Team_B" is not a valid namespace name');
    expect(hashes(dir)).toEqual(before);
  });

  test('editing one file changes the checksum exactly where that file goes, and nothing else', () => {
    // GIVEN the example, synthesized
    const dir = scratchProject();
    synth(dir);
    const before = hashes(dir);
    const checksums = () =>
      Object.fromEntries(
        Object.keys(before).map(f => [f, [...fs.readFileSync(path.join(dir, 'dist', f), 'utf8').matchAll(/checksum\/config: ([0-9a-f]{64})/g)].map(m => m[1])]),
      );
    const checksumsBefore = checksums();
    // WHEN the scheduler config, which only engines receive, changes
    fs.appendFileSync(path.join(dir, 'config', 'fair-scheduler.xml'), '<!-- tuned -->\n');
    expect(synth(dir).status).toBe(0);
    // THEN every tenant's engine rolls, and so does the proxy: it carries that file for EngineSetup, which
    // hands it to every engine it launches (with pod templates it would not: the file is in them)
    const after = checksums();
    expect(after['my-project.k8s.yaml']).not.toEqual(checksumsBefore['my-project.k8s.yaml']);
    for (const tenant of ['team-a', 'team-b', 'team-c']) {
      expect(after[`${tenant}.k8s.yaml`][0]).not.toBe(checksumsBefore[`${tenant}.k8s.yaml`][0]);
    }
    // WHEN it is changed back THEN dist/ is byte-identical to before
    fs.cpSync(path.join(EXAMPLE, 'config', 'fair-scheduler.xml'), path.join(dir, 'config', 'fair-scheduler.xml'));
    expect(synth(dir).status).toBe(0);
    expect(hashes(dir)).toEqual(before);
  });

  test('a proxy-only file touches the proxy namespace and no tenant', () => {
    // GIVEN the example plus a file only the proxy receives
    const dir = scratchProject(s =>
      s
        .replace(
          'tenants:\n',
          ['  - name: proxy.conf', '    source: config/proxy.conf', '    mountPath: /etc/my-project/proxy', '    roles: [proxy]', 'tenants:\n'].join('\n'),
        )
        .replace(/\nfiles:\n/, '\nfiles:\n'),
    );
    fs.writeFileSync(path.join(dir, 'config', 'proxy.conf'), 'threads=8\n');
    expect(synth(dir)).toEqual({ status: 0, stderr: '' });
    const before = hashes(dir);
    // WHEN it changes
    fs.writeFileSync(path.join(dir, 'config', 'proxy.conf'), 'threads=16\n');
    expect(synth(dir).status).toBe(0);
    // THEN only the proxy's file differs
    const after = hashes(dir);
    expect(Object.keys(after).filter(f => after[f] !== before[f])).toEqual(['my-project.k8s.yaml']);
  });
});

describe('PlatformApp', () => {
  test('renders every chart exactly as stock cdk8s does (chart.toJson + Yaml.stringify)', () => {
    // GIVEN the example in a PlatformApp
    const app = new PlatformApp({ outdir: tmp('app-') });
    new SparkPlatform(app, 'platform', { platform: loadPlatformFile(path.join(EXAMPLE, 'platform.yaml')) });
    const ours = app.synthManifests();
    // THEN each file equals what cdk8s's own synthesis gives for that chart
    const charts = app.node.findAll().filter((c): c is Chart => Chart.isChart(c));
    expect(charts).toHaveLength(5);
    for (const chart of charts) {
      const name = `${(chart as unknown as { namespaceName: string }).namespaceName}.k8s.yaml`;
      expect(ours.get(name)).toBe(Yaml.stringify(...chart.toJson()));
      expect(renderChart(chart)).toEqual(Testing.synth(chart));
    }
  });

  test("charts with dependencies keep cdk8s's dependency order", () => {
    // GIVEN a chart whose first object depends on its second
    const app = new PlatformApp({ outdir: '/unused' });
    const chart = new Chart(app, 'deps');
    const { ApiObject } = require('cdk8s');
    const first = new ApiObject(chart, 'first', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'first' } });
    const second = new ApiObject(chart, 'second', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'second' } });
    first.addDependency(second);
    // THEN the dependency comes first, as cdk8s orders it
    expect(renderChart(chart)).toEqual(Testing.synth(chart));
    expect((renderChart(chart) as { metadata: { name: string } }[]).map(o => o.metadata.name)).toEqual(['second', 'first']);
  });
});

describe('writeDist', () => {
  test('an error while writing leaves the previous output untouched', () => {
    // GIVEN an output folder with one manifest
    const out = path.join(tmp('dist-'), 'dist');
    writeDist(out, write => write('a.k8s.yaml', 'kind: A\n'));
    // WHEN a write fails halfway (an invalid name comes after a valid one)
    expect(() =>
      writeDist(out, write => {
        write('b.k8s.yaml', 'kind: B\n');
        write('../escape.k8s.yaml', 'x');
      }),
    ).toThrow(/refusing to write/);
    // THEN the folder is as it was, and no staging folder is left behind
    expect(fs.readdirSync(out)).toEqual(['a.k8s.yaml']);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['dist']);
  });
});

describe('npm run synth on a large platform', () => {
  test('with validation and writes on the second thread, writes exactly what stock cdk8s serializes', () => {
    // GIVEN 150 tenants (with the proxy and Argo CD, 152 files): over 1000 objects, so validation
    // moves to the second thread, and over 4 MiB of output, so do the writes
    const dir = tmp('fleet-');
    writeFleetSpec(150, dir);
    // WHEN the real synth runs
    expect(synth(dir)).toEqual({ status: 0, stderr: '' });
    // THEN every file is byte for byte cdk8s's Yaml.stringify of that chart's objects
    const app = new PlatformApp({ outdir: path.join(dir, 'unused') });
    new SparkPlatform(app, 'platform', { platform: loadPlatformFile(path.join(dir, 'platform.yaml')) });
    const charts = app.node.findAll().filter((c): c is Chart => Chart.isChart(c));
    expect(charts).toHaveLength(152);
    const written = fs.readdirSync(path.join(dir, 'dist')).sort();
    expect(written).toHaveLength(152);
    let objects = 0;
    let bytes = 0;
    for (const chart of charts) {
      const name = `${(chart as unknown as { namespaceName: string }).namespaceName}.k8s.yaml`;
      const docs = renderChart(chart);
      const text = fs.readFileSync(path.join(dir, 'dist', name), 'utf8');
      expect(text === Yaml.stringify(...docs) ? name : `${name} differs`).toBe(name);
      objects += docs.length;
      bytes += text.length;
    }
    expect(objects).toBeGreaterThan(1000);
    expect(bytes).toBeGreaterThan(3 * 1024 * 1024);
  });
});
