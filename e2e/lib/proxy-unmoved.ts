import * as fs from 'fs';
import { E2eContext } from './context';
import { CommandResult } from './processes';

/**
 * Issue 16's promise, judged by the real API server: the proxy namespace's file is byte for byte the
 * same in the old and the new dist, and `apply` (applying the new dist's files) leaves the proxy
 * Deployment's generation where it was, so no rollout restarts the proxy. Returns whether it applied.
 */
export function checkProxyUnmoved(
  ctx: E2eContext,
  label: string,
  proxyFile: { readonly before: string; readonly after: string },
  deployment: { readonly namespace: string; readonly name: string },
  apply: () => CommandResult,
): boolean {
  const same = fs.readFileSync(proxyFile.after).equals(fs.readFileSync(proxyFile.before));
  ctx.report.check(`${label}: the proxy namespace's file is byte for byte the same`, same, `${proxyFile.after} differs from ${proxyFile.before}`);
  const generation = () =>
    ctx.cluster.admin.getJson<{ metadata: { generation?: number } }>(['deployment', deployment.name, '-n', deployment.namespace]).metadata.generation;
  const before = generation();
  const applied = apply();
  if (!ctx.report.check(`${label}: the new files apply`, applied.status === 0, applied.stderr.trim())) return false;
  const after = generation();
  ctx.report.check(
    `${label}: the proxy Deployment keeps generation ${before} (no rollout, no restart)`,
    before !== undefined && after === before,
    `generation ${before} → ${after}`,
  );
  return true;
}
