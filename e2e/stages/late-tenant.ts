import * as path from 'path';
import { objectNames } from '../../src/names';
import { loadPlatformFile } from '../../src/platform-spec/loader';
import { E2eContext, REPO } from '../lib/context';
import { ServiceAccountIdentity } from '../lib/identities';
import { PodJson } from '../lib/pod-view';
import { checkProxyUnmoved } from '../lib/proxy-unmoved';
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
  checkProxyUnmoved(
    ctx,
    `adding tenant ${tenant}`,
    { before: path.join(REPO, 'dist', proxyFile), after: path.join(dist, proxyFile) },
    { namespace: proxyNamespace, name: objectNames(loadPlatformFile(spec).spec).proxyDeployment },
    () => admin.applyServerSide([path.join(dist, proxyFile), path.join(dist, `${tenant}.k8s.yaml`)], FIELD_MANAGER),
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
