import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { writeFleetSpec } from './fleet-spec';

/**
 * `npm run bench [-- --smoke] [-- --sizes 10,100,1000] [-- --no-kustomize]`
 *
 * For each size it generates a platform of that many tenants from the example spec (in a temp
 * folder), runs the real synth path (`node bin/synth.js`, as `npm run synth` does) and, in the same
 * run, measures the floor: a plain Node process that loads the produced dist/ into memory and then
 * times only serializing the very same objects to YAML and writing them, with cdk8s's serializer and
 * with synth's own (bench/floor.ts). With kubectl present it also times `kubectl kustomize` over one
 * overlay per namespace on the same objects.
 */

const REPO = path.join(__dirname, '..');
const SYNTH = path.join(REPO, 'bin', 'synth.js');

interface Row {
  tenants: number;
  synthSeconds: number;
  floorSeconds: number;
  writerFloorSeconds: number;
  peakRssMiB: number;
  distMiB: number;
  kustomizeSeconds?: number;
}

function main(): void {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const sizesArg = args[args.indexOf('--sizes') + 1];
  const sizes = smoke ? [10] : args.includes('--sizes') ? sizesArg.split(',').map(Number) : [10, 100, 1000];
  const withKustomize = !smoke && !args.includes('--no-kustomize') && hasKubectl();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-tenancy-bench-'));
  try {
    const example = exampleSynthSeconds(work);
    const rows = sizes.map(n => measure(n, path.join(work, `n${n}`), withKustomize));
    report(rows, example);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** `npm run synth` on the example, start to finish (node start-up included). */
function exampleSynthSeconds(work: string): number {
  const dir = path.join(work, 'example');
  fs.mkdirSync(dir);
  const start = process.hrtime.bigint();
  run(process.execPath, [SYNTH], { cwd: dir, env: { ...process.env, SPARK_TENANCY_SPEC: path.join(REPO, 'platform.yaml') } });
  return seconds(start);
}

function measure(tenants: number, dir: string, withKustomize: boolean): Row {
  fs.mkdirSync(dir, { recursive: true });
  const spec = writeFleetSpec(tenants, dir);
  // The synth child reports its own peak RSS on exit.
  const rssFile = path.join(dir, 'rss');
  const start = process.hrtime.bigint();
  run(process.execPath, ['-r', path.join(__dirname, 'report-rss.js'), SYNTH], {
    cwd: dir,
    env: { ...process.env, SPARK_TENANCY_SPEC: spec, SPARK_TENANCY_RSS_FILE: rssFile },
  });
  const synthSeconds = seconds(start);
  const floor = JSON.parse(run(process.execPath, ['-r', path.join(REPO, 'bin', 'register.js'), path.join(__dirname, 'floor.ts'), path.join(dir, 'dist'), path.join(dir, 'floor-out')], {})) as { seconds: number; writerSeconds: number };
  const distBytes = fs.readdirSync(path.join(dir, 'dist')).reduce((sum, f) => sum + fs.statSync(path.join(dir, 'dist', f)).size, 0);
  return {
    tenants,
    synthSeconds,
    floorSeconds: floor.seconds,
    writerFloorSeconds: floor.writerSeconds,
    peakRssMiB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024,
    distMiB: distBytes / 1024 / 1024,
    kustomizeSeconds: withKustomize ? kustomizeSeconds(dir) : undefined,
  };
}

/**
 * What users would otherwise do: a kustomize base with one tenant's objects and one overlay per
 * namespace that sets the namespace, each rendered by `kubectl kustomize` into its own file (one
 * root over all overlays is not an option: kustomize cannot tell the same-named ServiceAccounts of
 * different overlays apart when it rewrites RoleBinding subjects).
 */
function kustomizeSeconds(dir: string): number {
  const root = path.join(dir, 'kustomize');
  const base = path.join(root, 'base');
  fs.mkdirSync(base, { recursive: true });
  const tenantFiles = fs.readdirSync(path.join(dir, 'dist')).filter(f => f.startsWith('tenant-')).sort();
  const objects = fs.readFileSync(path.join(dir, 'dist', tenantFiles[0]), 'utf8').split(/^---\n/m).filter(d => !/^kind: Namespace$/m.test(d));
  fs.writeFileSync(path.join(base, 'objects.yaml'), objects.join('---\n'));
  fs.writeFileSync(path.join(base, 'kustomization.yaml'), stringify({ resources: ['objects.yaml'] }));
  const overlays = tenantFiles.map(f => f.replace('.k8s.yaml', ''));
  for (const ns of overlays) {
    fs.mkdirSync(path.join(root, ns));
    fs.writeFileSync(path.join(root, ns, 'kustomization.yaml'), stringify({ namespace: ns, resources: ['../base', 'namespace.yaml'] }));
    fs.writeFileSync(path.join(root, ns, 'namespace.yaml'), stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }));
  }
  const out = path.join(dir, 'kustomize-out');
  fs.mkdirSync(out);
  const start = process.hrtime.bigint();
  for (const ns of overlays) run('kubectl', ['kustomize', path.join(root, ns), '-o', path.join(out, `${ns}.yaml`)], {});
  return seconds(start);
}

function report(rows: Row[], exampleSeconds: number): void {
  const f = (n: number | undefined, digits = 2) => (n === undefined ? 'n/a' : n.toFixed(digits));
  const lines = [
    `spark-tenancy bench on ${os.cpus().length} cores, node ${process.version}`,
    `npm run synth on the example (start to finish): ${f(exampleSeconds)} s`,
    '',
    'floor: cdk8s Yaml.stringify + write; floor (writer): the same with ManifestYamlWriter, the serializer synth uses',
    '',
    '| tenants | synth (s) | floor (s) | synth / floor | floor (writer) (s) | synth / floor (writer) | peak RSS (MiB) | dist (MiB) | kustomize (s) | kustomize / synth |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(r => `| ${r.tenants} | ${f(r.synthSeconds)} | ${f(r.floorSeconds)} | ${f(r.synthSeconds / r.floorSeconds)} | ${f(r.writerFloorSeconds)} | ${f(r.synthSeconds / r.writerFloorSeconds)} | ${f(r.peakRssMiB, 0)} | ${f(r.distMiB, 1)} | ${f(r.kustomizeSeconds)} | ${r.kustomizeSeconds === undefined ? 'n/a' : f(r.kustomizeSeconds / r.synthSeconds, 1)} |`),
  ];
  const t100 = rows.find(r => r.tenants === 100);
  const t1000 = rows.find(r => r.tenants === 1000);
  if (t100 && t1000) lines.push('', `growth t(1000)/t(100): synth ${f(t1000.synthSeconds / t100.synthSeconds, 1)}x, floor ${f(t1000.floorSeconds / t100.floorSeconds, 1)}x`);
  lines.push('', 'targets (issue #7):', ...targets(rows, exampleSeconds).map(t => `  ${t.met ? 'met    ' : 'NOT met'}  ${t.what}`));
  console.log(lines.join('\n'));
}

/** The targets, as measured in this run (those whose sizes or tools were not run are left out). */
function targets(rows: readonly Row[], exampleSeconds: number): { what: string; met: boolean }[] {
  const t100 = rows.find(r => r.tenants === 100);
  const t1000 = rows.find(r => r.tenants === 1000);
  const found: { what: string; met: boolean }[] = [
    { what: `npm run synth on the example under 3 s: ${exampleSeconds.toFixed(2)} s`, met: exampleSeconds < 3 },
  ];
  if (t1000) {
    const ratio = t1000.synthSeconds / t1000.floorSeconds;
    found.push({ what: `1000 tenants: synth at most 1.5x the floor: ${ratio.toFixed(2)}x`, met: ratio <= 1.5 });
    found.push({ what: `1000 tenants: peak memory under 1 GiB: ${t1000.peakRssMiB.toFixed(0)} MiB`, met: t1000.peakRssMiB < 1024 });
    if (t1000.kustomizeSeconds !== undefined) {
      const speedup = t1000.kustomizeSeconds / t1000.synthSeconds;
      found.push({ what: `1000 tenants: at least 20x faster than kubectl kustomize: ${speedup.toFixed(1)}x`, met: speedup >= 20 });
    }
  }
  if (t100 && t1000) {
    const growth = t1000.synthSeconds / t100.synthSeconds;
    found.push({ what: `growth from 100 to 1000 tenants at most 11x: ${growth.toFixed(1)}x`, met: growth <= 11 });
  }
  return found;
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): string {
  const result = spawnSync(command, args, { ...options, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return result.stdout;
}

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

main();
