import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDocument, stringify } from 'yaml';
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
  /** dist bytes / tenants. */
  bytesPerTenant: number;
  /** The largest file of dist/ (Argo CD's repo-server limit is per Application, 10 MB by default). */
  largestFileBytes: number;
  largestFile: string;
  /** The proxy namespace's file. */
  proxyFileBytes: number;
  kustomizeSeconds?: number;
}

/** Above this many tenants kustomize is not run: at 10,000 it would take about 8 minutes here, for the same ratio. */
const KUSTOMIZE_MAX_TENANTS = 1000;

function main(): void {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const sizesArg = args[args.indexOf('--sizes') + 1];
  const sizes = smoke ? [10] : args.includes('--sizes') ? sizesArg.split(',').map(Number) : [10, 100, 1000, 10000];
  const withKustomize = !smoke && !args.includes('--no-kustomize') && hasKubectl();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'spark-tenancy-bench-'));
  try {
    const example = exampleSynthSeconds(work);
    const rows = sizes.map(n => {
      const row = measure(n, path.join(work, `n${n}`), withKustomize && n <= KUSTOMIZE_MAX_TENANTS);
      // Each size's folder goes once measured: ten thousand tenants are 300 MB.
      fs.rmSync(path.join(work, `n${n}`), { recursive: true, force: true });
      return row;
    });
    report(rows, example);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The example's files: a tenant in `env` transport (team-a), one in `objects` (team-c), the proxy's. */
interface ExampleSizes {
  readonly seconds: number;
  readonly files: Record<string, number>;
}

/** `npm run synth` on the example, start to finish (node start-up included), and the size of each file it writes. */
function exampleSynthSeconds(work: string): ExampleSizes {
  const dir = path.join(work, 'example');
  fs.mkdirSync(dir);
  const start = process.hrtime.bigint();
  run(process.execPath, [SYNTH], {
    cwd: dir,
    env: { ...process.env, SPARK_TENANCY_SPEC: path.join(REPO, 'platform.yaml'), CDK8S_OUTDIR: path.join(dir, 'dist') },
  });
  const elapsed = seconds(start);
  const dist = path.join(dir, 'dist');
  return {
    seconds: elapsed,
    files: Object.fromEntries(
      fs
        .readdirSync(dist)
        .sort()
        .map(f => [f, fs.statSync(path.join(dist, f)).size]),
    ),
  };
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
  const floor = JSON.parse(
    run(
      process.execPath,
      ['-r', path.join(REPO, 'bin', 'register.js'), path.join(__dirname, 'floor.ts'), path.join(dir, 'dist'), path.join(dir, 'floor-out')],
      {},
    ),
  ) as { seconds: number; writerSeconds: number };
  const sizes = fs.readdirSync(path.join(dir, 'dist')).map(f => ({ f, bytes: fs.statSync(path.join(dir, 'dist', f)).size }));
  const distBytes = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
  const largest = sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const proxyFile = `${(parseDocument(fs.readFileSync(spec, 'utf8')).toJS() as { proxy: { namespace: string } }).proxy.namespace}.k8s.yaml`;
  return {
    tenants,
    synthSeconds,
    floorSeconds: floor.seconds,
    writerFloorSeconds: floor.writerSeconds,
    peakRssMiB: Number(fs.readFileSync(rssFile, 'utf8')) / 1024,
    distMiB: distBytes / 1024 / 1024,
    bytesPerTenant: distBytes / tenants,
    largestFileBytes: largest.bytes,
    largestFile: largest.f,
    proxyFileBytes: sizes.find(x => x.f === proxyFile)!.bytes,
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
  const tenantFiles = fs
    .readdirSync(path.join(dir, 'dist'))
    .filter(f => f.startsWith('tenant-'))
    .sort();
  const objects = fs
    .readFileSync(path.join(dir, 'dist', tenantFiles[0]), 'utf8')
    .split(/^---\n/m)
    .filter(d => !/^kind: Namespace$/m.test(d));
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

function report(rows: Row[], example: ExampleSizes): void {
  const f = (n: number | undefined, digits = 2) => (n === undefined ? 'n/a' : n.toFixed(digits));
  const kb = (n: number) => (n / 1000).toFixed(1);
  const lines = [
    `spark-tenancy bench on ${os.cpus().length} cores, node ${process.version}`,
    `npm run synth on the example (start to finish): ${f(example.seconds)} s; its files (KB): ${Object.entries(example.files)
      .map(([file, bytes]) => `${file} ${kb(bytes)}`)
      .join(', ')}`,
    '',
    'floor: cdk8s Yaml.stringify + write; floor (writer): the same with ManifestYamlWriter, the serializer synth uses',
    '',
    '| tenants | synth (s) | floor (s) | synth / floor | floor (writer) (s) | synth / floor (writer) | peak RSS (MiB) | dist (MiB) | bytes per tenant | largest file (MB) | proxy file (KB) | kustomize (s) | kustomize / synth |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      r =>
        `| ${r.tenants} | ${f(r.synthSeconds)} | ${f(r.floorSeconds)} | ${f(r.synthSeconds / r.floorSeconds)} | ${f(r.writerFloorSeconds)} | ${f(r.synthSeconds / r.writerFloorSeconds)} | ${f(r.peakRssMiB, 0)} | ${f(r.distMiB, 1)} | ${f(r.bytesPerTenant, 0)} | ${f(r.largestFileBytes / 1e6, 3)} | ${kb(r.proxyFileBytes)} | ${f(r.kustomizeSeconds)} | ${r.kustomizeSeconds === undefined ? 'n/a' : f(r.kustomizeSeconds / r.synthSeconds, 1)} |`,
    ),
  ];
  const growth = (from: number, to: number) => {
    const a = rows.find(r => r.tenants === from);
    const b = rows.find(r => r.tenants === to);
    if (a && b)
      lines.push(
        `growth t(${to})/t(${from}): synth ${f(b.synthSeconds / a.synthSeconds, 1)}x, floor ${f(b.floorSeconds / a.floorSeconds, 1)}x, floor (writer) ${f(b.writerFloorSeconds / a.writerFloorSeconds, 1)}x`,
      );
  };
  lines.push('');
  growth(100, 1000);
  growth(1000, 10000);
  lines.push('', 'targets (issues 7 and 16):', ...targets(rows, example).map(t => `  ${t.met ? 'met    ' : 'NOT met'}  ${t.what}`));
  console.log(lines.join('\n'));
}

/** The issues' targets, as measured in this run (those whose sizes or tools were not run are left out). */
function targets(rows: readonly Row[], example: ExampleSizes): { what: string; met: boolean }[] {
  const t100 = rows.find(r => r.tenants === 100);
  const t1000 = rows.find(r => r.tenants === 1000);
  const t10000 = rows.find(r => r.tenants === 10000);
  const found: { what: string; met: boolean }[] = [
    { what: `npm run synth on the example under 3 s: ${example.seconds.toFixed(2)} s`, met: example.seconds < 3 },
  ];
  const exampleFile = (file: string, transport: string, limit: number) => {
    const bytes = example.files[file];
    if (bytes !== undefined)
      found.push({
        what: `example tenant file in ${transport} transport (${file}) at most ${limit / 1000} KB: ${(bytes / 1000).toFixed(1)} KB`,
        met: bytes <= limit,
      });
  };
  exampleFile('team-c.k8s.yaml', 'objects', 12_000);
  exampleFile('team-a.k8s.yaml', 'env', 20_000);
  if (t1000) {
    const ratio = t1000.synthSeconds / t1000.writerFloorSeconds;
    found.push({ what: `1000 tenants: synth within 2x the project's own writer floor: ${ratio.toFixed(2)}x`, met: ratio <= 2 });
    if (t1000.kustomizeSeconds !== undefined) {
      const speedup = t1000.kustomizeSeconds / t1000.synthSeconds;
      found.push({ what: `1000 tenants: at least 20x faster than kubectl kustomize: ${speedup.toFixed(1)}x`, met: speedup >= 20 });
    }
  }
  if (t100 && t1000) {
    const growth = t1000.synthSeconds / t100.synthSeconds;
    found.push({ what: `growth from 100 to 1000 tenants at most 11x: ${growth.toFixed(1)}x`, met: growth <= 11 });
  }
  if (t10000) {
    found.push({
      what: `10,000 tenants: every dist file under 5 MB: largest ${t10000.largestFile} ${(t10000.largestFileBytes / 1e6).toFixed(3)} MB`,
      met: t10000.largestFileBytes < 5e6,
    });
    found.push({ what: `10,000 tenants: peak RSS under 2 GiB: ${t10000.peakRssMiB.toFixed(0)} MiB`, met: t10000.peakRssMiB < 2048 });
  }
  if (t1000 && t10000) {
    const growth = t10000.synthSeconds / t1000.synthSeconds;
    found.push({ what: `growth from 1000 to 10,000 tenants at most 10.5x: ${growth.toFixed(1)}x`, met: growth <= 10.5 });
    const perTenant = (t10000.proxyFileBytes - t1000.proxyFileBytes) / 9000;
    found.push({
      what: `the proxy namespace grows at most 1 KB per tenant: ${perTenant.toFixed(0)} bytes per tenant (${t1000.proxyFileBytes} → ${t10000.proxyFileBytes} bytes)`,
      met: perTenant <= 1000,
    });
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
