import * as path from 'path';
import { loadPlatformFile } from '../../src/platform-spec/loader';
import { E2eContext } from '../lib/context';
import { deliverSecretsByController, startExternalSecretsController } from '../lib/external-secrets';
import { Daemons } from '../lib/processes';
import { synthInto, writeSpecVariant } from '../lib/spec-variants';

/**
 * The keytab Secret as a user's cluster provides it (`--only secrets`, a quick check without the rest):
 * one tenant namespace of the example (renamed, the only change) applied as synthesized, External
 * Secrets Operator's real controller started, a fake-provider store named as the spec's holding the
 * keytab's bytes, and the Secret the generated ExternalSecret asks for checked byte for byte.
 * Needs the CRDs (installCrds) first. The controller is ESO's `--namespace` one, watching this
 * namespace alone. The default run gets every namespace's Secret from one controller instead
 * (secretsFromController).
 */
export async function checkSecretsByController(ctx: E2eContext, daemons: Daemons): Promise<void> {
  const { report, work, cluster } = ctx;
  report.begin('the keytab Secret, made by the External Secrets Operator controller');
  const dir = path.join(work, 'variant-eso');
  const specFile = writeSpecVariant(dir, { rename: ns => `eso-${ns}` });
  synthInto(specFile, path.join(dir, 'dist'));
  const platform = loadPlatformFile(specFile);
  const tenant = platform.spec.tenants[0].namespace;
  const applied = cluster.admin.applyServerSide([path.join(dir, 'dist', `${tenant}.k8s.yaml`)]);
  report.check(`tenant namespace ${tenant} (decodingStrategy Base64) applied`, applied.status === 0, applied.stderr.trim());

  let started = Date.now();
  const controller = await startExternalSecretsController(ctx, daemons, tenant);
  report.time('external-secrets controller start', (Date.now() - started) / 1000);
  started = Date.now();
  await deliverSecretsByController(ctx, controller, platform, [tenant]);
  report.time('external-secrets Secret arrival', (Date.now() - started) / 1000);
}
