import * as fs from 'fs';
import * as path from 'path';
import { E2eContext, REPO } from '../lib/context';
import { namespaceNames, removeNamespaces } from '../lib/namespaces';
import { run } from '../lib/processes';
import { writeSpecVariant } from '../lib/spec-variants';

const RELEASE = 'spark-tenancy-e2e';
/** The variant's namespaces: the example's, renamed. */
const PREFIX = 'h-';

/**
 * The Helm output for real: `helm lint --strict` the chart `npm run synth:helm` writes, `helm install`
 * it into the test cluster, add a tenant, and `helm upgrade`. A variant of the example with its own
 * namespaces (h-*), so it does not collide with the dist/ applied before. The stage ends as it began:
 * `helm uninstall`, and its namespaces gone (its engines would otherwise hold the node's CPUs).
 */
export async function checkHelm(ctx: E2eContext): Promise<void> {
  const dir = path.join(ctx.work, 'helm');
  const rename = (ns: string) => `${PREFIX}${ns}`;
  const helm = (args: string[]) =>
    run(ctx.tools.bin.helm, [...args, '--kubeconfig', ctx.cluster.admin.kubeconfig], {
      env: { ...process.env, HELM_CACHE_HOME: path.join(dir, 'cache'), HELM_CONFIG_HOME: path.join(dir, 'config'), HELM_DATA_HOME: path.join(dir, 'data') },
    });
  const chart = (spec: string, version: string) => {
    const output = path.join(dir, `chart-${version}`);
    const built = run(process.execPath, [path.join(REPO, 'bin', 'synth-helm.js'), '--chart-version', version, '--spec', spec, '--output', output], {
      cwd: path.dirname(spec),
    });
    return { output, ok: built.status === 0, message: built.stderr.trim() };
  };

  const spec = writeSpecVariant(path.join(dir, 'spec'), { rename });
  // The row exists once the stage runs, so a chart that fails to synthesize shows as three failures.
  const helmRow: { lint: boolean; install: boolean; upgrade: boolean } = { lint: false, install: false, upgrade: false };
  ctx.report.data.helm = helmRow;
  const first = chart(spec, '0.1.0');
  if (!ctx.report.check('synth:helm writes a chart', first.ok, first.message)) return;
  const lint = helm(['lint', '--strict', first.output]);
  helmRow.lint = ctx.report.check(`helm ${ctx.tools.helmVersion} lint --strict`, lint.status === 0, lint.stdout + lint.stderr);
  const install = helm(['install', RELEASE, first.output, '--namespace', 'default', '--wait=false']);
  helmRow.install =
    ctx.report.check('helm install into the test cluster', install.status === 0, install.stderr.trim()) &&
    namespacesExist(ctx, ['h-my-project', 'h-team-a', 'h-team-b', 'h-team-c']);

  // A new tenant, as the README says: one line in the spec.
  const grown = writeSpecVariant(path.join(dir, 'spec'), { rename, edit: s => s.tenants.push({ namespace: 'h-team-d' }) });
  const second = chart(grown, '0.2.0');
  const upgrade = second.ok
    ? helm(['upgrade', RELEASE, second.output, '--namespace', 'default', '--wait=false'])
    : { status: 1, stderr: second.message, stdout: '' };
  helmRow.upgrade = ctx.report.check('helm upgrade after adding a tenant', upgrade.status === 0, upgrade.stderr.trim()) && namespacesExist(ctx, ['h-team-d']);

  const made = namespaceNames(ctx).filter(ns => ns.startsWith(PREFIX));
  const uninstall = helm(['uninstall', RELEASE, '--namespace', 'default', '--wait', '--timeout', '180s']);
  ctx.report.check('helm uninstall removes the release', uninstall.status === 0, uninstall.stderr.trim());
  // Helm deletes the release's Namespace objects; they are gone only once the namespace controller has emptied them.
  await removeNamespaces(ctx, made, 'the Helm release');
  fs.rmSync(path.join(dir, 'cache'), { recursive: true, force: true });
}

function namespacesExist(ctx: E2eContext, namespaces: string[]): boolean {
  const found = new Set(ctx.cluster.admin.list('namespaces').map(n => n.metadata.name));
  const missing = namespaces.filter(n => !found.has(n));
  return ctx.report.check(`namespaces ${namespaces.join(', ')} exist`, missing.length === 0, `missing: ${missing.join(', ')}`);
}
