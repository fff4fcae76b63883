/**
 * `npm run synth:helm -- --chart-version X`: the platform as a Helm chart in `dist-helm/`, made by
 * cdk8s's own `cdk8s synth --format helm` (Chart.yaml, README.md, one template per namespace).
 *
 * The stock CLI names the chart after the folder it runs in, so it runs in a temporary folder named
 * after this package, whose cdk8s.yaml runs this repository's `bin/synth.js` from the invoking
 * folder. The chart is built beside the output folder and moved into place only when complete.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { argoCdSettings } from '../constructs/argo-cd';
import { packageRoot } from '../package-root';
import { loadPlatformFile } from '../platform-spec/loader';
import { MANIFEST_SUFFIX } from '../synth/dist-writer';

/** Where the chart goes unless `--output` says otherwise. */
export const HELM_OUTPUT_DIR = 'dist-helm';

/** SemVer 2 (semver.org's reference expression), which Helm requires of chart versions; no leading "v". */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** The helm command's arguments. */
export const HELM_USAGE = 'usage: spark-tenancy helm --chart-version <semver> [--spec platform.yaml] [--output dist-helm]';

/** What `synthHelmChart` builds. */
export interface HelmChartOptions {
  /** The chart's version, SemVer 2 (e.g. "1.2.3"). */
  readonly chartVersion: string;
  /** The platform spec. @default - $SPARK_TENANCY_SPEC, else platform.yaml of the current folder */
  readonly specFile?: string;
  /** The chart's folder, replaced as a whole. @default "dist-helm" */
  readonly outDir?: string;
}

/** What `synthHelmChart` wrote. */
export interface HelmChartResult {
  /** Absolute path of the chart folder. */
  readonly chartDir: string;
  /** `name` in Chart.yaml: this package's name. */
  readonly chartName: string;
  /** Template file names, sorted. */
  readonly templates: readonly string[];
}

/** Reads `--chart-version`, `--spec` and `--output`; a missing or malformed version throws with usage. */
export function parseHelmArgs(argv: readonly string[]): HelmChartOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'chart-version': { type: 'string' },
      spec: { type: 'string' },
      output: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const chartVersion = values['chart-version'];
  if (chartVersion === undefined) {
    throw new Error(`--chart-version is required (Helm charts carry a SemVer 2 version, e.g. --chart-version 1.2.3)\n${HELM_USAGE}`);
  }
  checkChartVersion(chartVersion);
  return { chartVersion, specFile: values.spec, outDir: values.output };
}

/** Throws unless `version` is SemVer 2, saying what would be. */
export function checkChartVersion(version: string): void {
  if (SEMVER.test(version)) return;
  const withoutV = version.replace(/^v/, '');
  const hint = withoutV !== version && SEMVER.test(withoutV) ? `; write ${withoutV} without the "v"` : ', such as 1.2.3 or 1.2.3-rc.1';
  throw new Error(`--chart-version "${version}" is not a SemVer 2 version (MAJOR.MINOR.PATCH)${hint}`);
}

/**
 * Synthesizes the platform into a Helm chart with the real `cdk8s synth --format helm` and replaces
 * `outDir` with it. Differences from the stock output, each for a reason:
 * - the chart is named after this package, not after the checkout's folder;
 * - the Argo CD file (with `gitops.argocd`) is left out: installing the chart and letting Argo CD
 *   apply `dist/` would be two owners for the same objects;
 * - `{{` in manifests (e.g. a config file that is itself a template) is escaped, so Helm renders it
 *   back to the exact text instead of evaluating it.
 */
export function synthHelmChart(options: HelmChartOptions): HelmChartResult {
  checkChartVersion(options.chartVersion);
  const root = packageRoot();
  const chartName = packageChartName(root);
  const specFile = path.resolve(options.specFile ?? process.env.SPARK_TENANCY_SPEC ?? 'platform.yaml');
  const chartDir = path.resolve(options.outDir ?? HELM_OUTPUT_DIR);

  const workRoot = fs.mkdtempSync(path.join(os.tmpdir(), `${chartName}-helm-`));
  const staging = path.join(path.dirname(chartDir), `.${path.basename(chartDir)}.staging-${path.basename(workRoot)}`);
  try {
    const workDir = path.join(workRoot, chartName); // the CLI's folder name becomes the chart's name
    fs.mkdirSync(workDir);
    fs.writeFileSync(path.join(workDir, 'cdk8s.yaml'), cdk8sConfig(root, process.cwd()));
    runCdk8sHelmSynth(root, workDir, specFile, options.chartVersion, staging);

    const templatesDir = path.join(staging, 'templates');
    const argoCd = argoCdSettings(loadPlatformFile(specFile).spec);
    if (argoCd) fs.rmSync(path.join(templatesDir, `${argoCd.namespace}${MANIFEST_SUFFIX}`), { force: true });
    const templates = fs.readdirSync(templatesDir).sort();
    for (const template of templates) {
      const file = path.join(templatesDir, template);
      const text = fs.readFileSync(file, 'utf8');
      const escaped = escapeHelmDelimiters(text);
      if (escaped !== text) fs.writeFileSync(file, escaped);
    }
    fs.rmSync(chartDir, { recursive: true, force: true });
    fs.renameSync(staging, chartDir);
    return { chartDir, chartName, templates };
  } finally {
    fs.rmSync(workRoot, { recursive: true, force: true });
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Helm evaluates `{{ ... }}` in templates; `{{"{{"}}` renders as the literal `{{`. */
export function escapeHelmDelimiters(text: string): string {
  return text.replace(/\{\{/g, '{{"{{"}}');
}

/**
 * A cdk8s.yaml whose app is the synth, run from the folder the user invoked us in: the installed
 * package's compiled `spark-tenancy synth`, or in this repository (sources run as TypeScript) the
 * example app's `bin/synth.js`, so an edited source needs no build first.
 */
function cdk8sConfig(root: string, invokedIn: string): string {
  const synth = __filename.endsWith('.ts') ? [path.join(root, 'bin', 'synth.js')] : [path.join(root, 'bin', 'spark-tenancy.js'), 'synth'];
  const app = `cd ${shellQuote(invokedIn)} && ${[process.execPath, ...synth].map(shellQuote).join(' ')} --quiet`;
  return `# Generated by spark-tenancy's synth:helm for one run.\nlanguage: typescript\napp: ${JSON.stringify(app)}\n`;
}

function runCdk8sHelmSynth(root: string, workDir: string, specFile: string, chartVersion: string, outDir: string): void {
  const cli = path.join(path.dirname(require.resolve('cdk8s-cli/package.json', { paths: [root, process.cwd()] })), 'bin', 'cdk8s');
  const result = spawnSync(process.execPath, [cli, 'synth', '--format', 'helm', '--chart-version', chartVersion, '--output', outDir, '--no-validate'], {
    cwd: workDir,
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', SPARK_TENANCY_SPEC: specFile },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The app's own messages (spec errors, warnings) are the user's; the CLI's stack trace is not.
  const stderr = (result.stderr ?? '').split('\n').filter(line => !/^\s+at /.test(line) && !line.startsWith('Error: command "'));
  process.stderr.write(stderr.join('\n'));
  if (result.error) throw new Error(`cannot run the cdk8s CLI: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`cdk8s synth --format helm failed (exit code ${result.status}); the previous chart was left as it was`);
}

/** package.json `name` without an npm scope; Helm chart names are lowercase letters, digits and "-". */
function packageChartName(root: string): string {
  const { name } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name?: string };
  const chartName = (name ?? '').replace(/^@[^/]+\//, '');
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(chartName)) {
    throw new Error(`package.json name "${name}" is not usable as a Helm chart name (lowercase letters, digits and "-")`);
  }
  return chartName;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
