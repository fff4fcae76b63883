import { ownedSparkKeys } from '../../spark/owned-keys';
import type { SpecProblem } from '../errors';
import { DEFAULTS, engineResources, PlatformFile } from '../platform';
import type { PlatformSpec } from '../types';
import type { Segments, CheckContext } from './report';
import { checkFiles, checkSecretCopies } from './files';
import { checkArgoCdNamespace, checkReservedNamespace, checkTenants } from './namespaces';
import { checkHostAliases, checkTenantHostnames } from './host-aliases';
import { checkEngineResources, checkSpark, checkTenantSpark } from './spark';
import { checkNetwork } from './network';
import { checkQuotas, checkResources } from './quotas';
import { checkKerberos } from './kerberos';

/** Checks what a JSON Schema cannot express, and reads every source file once. */
export function checkSemantics(spec: PlatformSpec, ctx: CheckContext): { files: PlatformFile[]; problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  const report = (segments: Segments, message: string, atKey = false) => problems.push(ctx.problem(segments, message, atKey));

  checkReservedNamespace(spec.proxy.namespace, ['proxy', 'namespace'], report);
  checkTenants(spec, report);
  checkArgoCdNamespace(spec, report);
  checkHostAliases(spec.proxy.hostAliases, ['proxy', 'hostAliases'], report);
  spec.tenants.forEach((t, i) => {
    checkHostAliases(t.hostAliases, ['tenants', i, 'hostAliases'], report);
    checkTenantHostnames(spec, t.hostAliases, ['tenants', i, 'hostAliases'], report);
  });
  checkResources(spec.proxy.resources ?? DEFAULTS.resources, ['proxy', 'resources'], report);
  checkResources(spec.engine?.resources ?? DEFAULTS.resources, ['engine', 'resources'], report);
  spec.tenants.forEach((t, i) => {
    const own = t.engine?.resources;
    if (own)
      checkResources(engineResources(spec, t), ['tenants', i, 'engine', 'resources'], report, {
        own,
        from: spec.engine?.resources ? ['engine', 'resources'] : undefined,
      });
  });
  const owned = ownedSparkKeys(spec.roleEnv, { kerberos: spec.kerberos !== undefined });
  checkSpark(spec.spark, ['spark'], owned, report);
  spec.tenants.forEach((t, i) => checkTenantSpark(t.spark, ['tenants', i, 'spark'], spec, owned, report));
  checkEngineResources(spec, report);
  checkQuotas(spec, report);
  checkNetwork(spec, report);
  const files = checkFiles(spec, ctx, report);
  checkKerberos(spec, files, report);
  checkSecretCopies(files, report);
  return { files, problems };
}
