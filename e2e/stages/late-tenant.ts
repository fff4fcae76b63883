import * as fs from 'fs';
import * as path from 'path';
import { E2eContext, REPO } from '../lib/context';
import { ServiceAccountIdentity } from '../lib/identities';
import { PodJson } from '../lib/pod-view';
import { synthInto, writeSpecVariant } from '../lib/spec-variants';
import { Tools } from '../lib/tools';
import { FIELD_MANAGER } from './apply';
import { submitClusterMode } from './spark';

/**
 * Issue 16: a tenant added while the proxy runs. The example spec plus one tenant is synthesized; its
 * proxy namespace file must be byte for byte the example's, and applying it with the new tenant's file
 * must leave the proxy Deployment's generation (so its pods) as it was. Then the proxy pod that was
 * started before the tenant existed launches an engine into it with Spark's own submission client.
 */
export async function checkLateTenant(
  ctx: E2eContext,
  spark: Tools['spark'][number],
  proxyPod: PodJson,
  proxy: ServiceAccountIdentity,
  proxyNamespace: string,
  engineServiceAccount: string,
  tenant: string,
): Promise<void> {
  const { admin } = ctx.cluster;
  const dir = path.join(ctx.work, 'late-tenant');
  const spec = writeSpecVariant(dir, {
    rename: ns => ns,
    keepArgoCd: true,
    edit: s => {
      s.tenants.push({ namespace: tenant });
    },
  });
  const dist = path.join(dir, 'dist');
  synthInto(spec, dist);
  const proxyFile = `${proxyNamespace}.k8s.yaml`;
  const same = fs.readFileSync(path.join(dist, proxyFile)).equals(fs.readFileSync(path.join(REPO, 'dist', proxyFile)));
  ctx.report.check(`adding tenant ${tenant}: dist/${proxyFile} is byte for byte the same`, same, 'the proxy namespace file changed with the tenant list');

  const deployment = () =>
    admin.list('deployments', proxyNamespace, 'app.kubernetes.io/component=proxy')[0] as { metadata: { name: string; generation?: number } } | undefined;
  const before = deployment();
  const applied = admin.applyServerSide([path.join(dist, proxyFile), path.join(dist, `${tenant}.k8s.yaml`)], FIELD_MANAGER);
  ctx.report.check(`adding tenant ${tenant}: its namespace file and the proxy's apply`, applied.status === 0, applied.stderr.trim());
  const after = deployment();
  ctx.report.check(
    `adding tenant ${tenant}: the proxy Deployment keeps generation ${before?.metadata.generation} (no rollout, no restart)`,
    before !== undefined && after?.metadata.generation === before.metadata.generation,
    `generation ${before?.metadata.generation} → ${after?.metadata.generation}`,
  );

  const driver = await submitClusterMode(ctx, spark, proxyPod, proxy, tenant, engineServiceAccount);
  const still = admin.list('pods', proxyNamespace, 'app.kubernetes.io/component=proxy').map(p => p.metadata.uid);
  ctx.report.check(
    `adding tenant ${tenant}: the proxy pod ${proxyPod.metadata.name}, started before the tenant existed, launched into it`,
    driver !== undefined && still.includes(proxyPod.metadata.uid),
    driver === undefined ? 'no driver pod' : `proxy pods now: ${still.join(', ')}`,
  );
  if (driver) admin.run(['delete', 'pods', '-n', tenant, '-l', 'spark-role=driver', '--wait=true', '--timeout=60s']);
}
