import * as api from '../../src';
import * as testing from '../../src/testing';

describe('the public API', () => {
  test('the package entry point exports exactly the intended values', () => {
    // GIVEN the package's main entry point WHEN its runtime exports are listed
    // THEN they are exactly the constructs, spec functions, synthesis and checks users compose:
    // a new export is a decision made here, and an internal (StagedDist, writeDist, chartObjects,
    // firstInvalidUtf8, ENV_CHUNK_CHARS, ...) never leaks out by an `export *`.
    expect(Object.keys(api).sort()).toEqual([
      'ArgoCdApplications',
      'Engine',
      'EngineRbac',
      'ManifestValidationError',
      'NamespaceChart',
      'NamespaceConfig',
      'PlatformApp',
      'ProxyNamespace',
      'RBAC_RESOURCES',
      'RBAC_VERBS',
      'SparkPlatform',
      'SparkProperties',
      'SparkProxy',
      'SpecError',
      'TenantNamespace',
      'TenantNetworkPolicies',
      'TenantQuota',
      'checkLeaks',
      'loadPlatformFile',
      'resolvePlatform',
      'synthPlatform',
      'validateManifestDir',
    ]);
  });

  test('spark-tenancy/testing exports the jest helpers and nothing else', () => {
    expect(Object.keys(testing).sort()).toEqual(['findObject', 'parseManifest', 'snapshotEachNamespace', 'synthNamespaces']);
  });

  test('no export is named after a JavaScript global', () => {
    // GIVEN the names of the globals (Proxy, Map, Set, ...) WHEN compared with the exports THEN none is shadowed
    const globals = Object.getOwnPropertyNames(globalThis);
    expect(Object.keys(api).filter(name => globals.includes(name))).toEqual([]);
  });
});
