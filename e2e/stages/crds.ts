import * as path from 'path';
import { E2eContext } from '../lib/context';

/**
 * The CustomResourceDefinitions a platform's cluster has: External Secrets Operator's and Argo CD's,
 * from their own Go modules, applied server-side and waited on until Established.
 */
export function installCrds(ctx: E2eContext): void {
  const { admin } = ctx.cluster;
  const applied = admin.applyServerSide(ctx.tools.crds, 'crd-installer');
  ctx.report.check(
    `CRDs of External Secrets ${ctx.tools.externalSecrets} and Argo CD ${ctx.tools.argocd} applied`,
    applied.status === 0,
    applied.stderr.trim(),
  );
  const names = admin
    .ok(['get', ...ctx.tools.crds.flatMap(f => ['-f', f]), '-o', 'name'])
    .trim()
    .split('\n');
  const established = admin.run(['wait', '--for=condition=Established', '--timeout=60s', ...names]);
  ctx.report.check(`${names.length} CRDs Established (${names.map(n => path.basename(n)).join(', ')})`, established.status === 0, established.stderr.trim());
  // Argo CD's own namespace exists wherever Argo CD is installed; the platform never manages it.
  admin.run(['create', 'namespace', 'argocd']);
}
