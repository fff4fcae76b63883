// The public API of spark-tenancy, named one by one: what users compose and call. Everything else in
// src/ is internal and may change in any release. The jest helpers are the `spark-tenancy/testing`
// entry point (src/testing.ts). test/api/exports.test.ts holds this list.

// Constructs
export { SparkPlatform } from './constructs/spark-platform';
export type { SparkPlatformProps } from './constructs/spark-platform';
export { ProxyNamespace } from './constructs/proxy-namespace';
export type { ProxyNamespaceProps } from './constructs/proxy-namespace';
export { SparkProxy } from './constructs/proxy';
export type { SparkProxyProps } from './constructs/proxy';
export { TenantNamespace } from './constructs/tenant-namespace';
export type { TenantNamespaceProps } from './constructs/tenant-namespace';
export { NamespaceChart } from './constructs/namespace-chart';
export type { NamespaceChartProps } from './constructs/namespace-chart';
export { NamespaceConfig } from './constructs/namespace-config';
export type { NamespaceConfigProps } from './constructs/namespace-config';
export { Engine } from './constructs/engine';
export type { EngineProps } from './constructs/engine';
export type { SyncFile } from './sync/config-sync';
export { EngineRbac } from './constructs/engine-rbac';
export type { EngineRbacProps } from './constructs/engine-rbac';
export type { RbacGrant, RbacNamespace, RbacResource, RbacServiceAccount, RbacVerb, TenantGrants } from './constructs/rbac-contract';
// The verbs and resources RBAC_VERBS / RBAC_RESOURCES close the unions over, as values: users check grants against them.
export { RBAC_RESOURCES, RBAC_VERBS } from './constructs/rbac-contract';
export { TenantQuota } from './constructs/tenant-quota';
export type { TenantQuotaProps } from './constructs/tenant-quota';
export { TenantNetworkPolicies } from './constructs/tenant-network-policies';
export type { TenantNetworkPoliciesProps } from './constructs/tenant-network-policies';
export { SparkProperties } from './constructs/spark-properties';
export type { SparkDeployMode, SparkPropertiesProps } from './constructs/spark-properties';
export { ArgoCdApplications } from './constructs/argo-cd';
export type { ArgoCdApplicationsProps, ArgoCdSettings, ArgoCdTarget, GroupKind } from './constructs/argo-cd';

// The spec: its types, loading it from a file, and checking one built in code
export type {
  ArgoCdSpec,
  DecodingStrategy,
  EgressSpec,
  EngineSpec,
  FileSpec,
  HostAliasSpec,
  KerberosSpec,
  LimitRangeSpec,
  NetworkSpec,
  PlatformSpec,
  ProbeSpec,
  ProxySpec,
  QuotaHardSpec,
  QuotaSpec,
  RemoteRefSpec,
  ResourceListSpec,
  ResourcesSpec,
  Role,
  SecretsSpec,
  SecretStoreKind,
  SecuritySpec,
  SparkSpec,
  TenantNetworkSpec,
  TenantPolicySpec,
  TenantSpec,
  Transport,
  WorkloadSpec,
} from './platform-spec/types';
export type { Platform, PlatformFile, SpecOrigin } from './platform-spec/platform';
export { loadPlatformFile, resolvePlatform } from './platform-spec/loader';
export type { ResolveOptions } from './platform-spec/loader';
export { SpecError } from './platform-spec/errors';
export type { SpecProblem } from './platform-spec/errors';

// Synthesis
export { PlatformApp, ManifestValidationError } from './synth/platform-app';
export type { PlatformAppProps } from './synth/platform-app';
export { synthPlatform } from './synth/synth-platform';
export type { SynthPlatformOptions } from './synth/synth-platform';

// Checks of a synthesized output folder
export { validateManifestDir } from './validate';
export type { Violation } from './validate';
export { checkLeaks } from './validate/leak-check';
export type { LeakCheckOptions, LeakCheckResult, LeakFinding } from './validate/leak-check';
