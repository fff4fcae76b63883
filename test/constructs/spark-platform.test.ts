import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import {
  ArgoCdApplications,
  EngineRbac,
  Platform,
  PlatformApp,
  PlatformSpec,
  resolvePlatform,
  SparkPlatform,
  SpecError,
  TenantNamespace,
  TenantSpec,
} from '../../src';
import { findObject, parseManifest, synthNamespaces } from '../../src/testing';
import { CLUSTER_SPARK_DEFAULTS_KEY } from '../../src/spark/pod-templates';

const FIXTURE = path.join(__dirname, '..', 'cli', 'fixtures', 'two-tenants');

/** The fixture's platform in code: a proxy, one config file, and the given tenants and settings. */
function spec(extra: Partial<PlatformSpec> = {}): PlatformSpec {
  return {
    name: 'fixture',
    image: 'registry.example.com/fixture:1.0.0',
    roleEnv: 'FIXTURE_EXECUTOR',
    proxy: { namespace: 'platform-proxy' },
    files: [{ name: 'app.properties', source: 'config/app.properties', mountPath: '/etc/fixture', roles: ['proxy', 'engine', 'executor'] }],
    tenants: [],
    ...extra,
  };
}

const ARGOCD = { gitops: { argocd: { repoURL: 'https://git.example.com/fixture.git', mode: 'applications' as const } } };

describe('SparkPlatform.addTenant', () => {
  test.each([
    ['without Argo CD', {}],
    ['with one Argo CD Application per namespace', ARGOCD],
    ['with an Argo CD ApplicationSet', { gitops: { argocd: { repoURL: 'https://git.example.com/fixture.git' } } }],
  ])('tenants added after construction give the same files as tenants in the spec (%s)', (_, extra) => {
    // GIVEN the same two tenants, once listed in the spec and once added in code after construction
    const listed = synthNamespaces(resolvePlatform(spec({ ...extra, tenants: [{ namespace: 'alpha' }, { namespace: 'beta' }] }), { baseDir: FIXTURE }));
    // WHEN the platform is built with addTenant
    const added = synthNamespaces(app => {
      const platform = new SparkPlatform(app, 'platform', { platform: resolvePlatform(spec(extra), { baseDir: FIXTURE }) });
      platform.addTenant({ namespace: 'alpha' });
      platform.addTenant({ namespace: 'beta' });
    });
    // THEN every namespace's file is byte for byte the same: each tenant holds its launch configuration
    // and Argo CD applies both, though neither was known when they were constructed
    expect([...added.keys()]).toEqual([...listed.keys()]);
    for (const [namespace, yaml] of listed) expect({ namespace, yaml: added.get(namespace) }).toEqual({ namespace, yaml });
    const beta = parseManifest(added.get('beta')!);
    expect(findObject(beta, 'ConfigMap', 'fixture-spark').data).toHaveProperty([CLUSTER_SPARK_DEFAULTS_KEY]);
  });

  test('returns the tenant chart with its children as fields, and the platform lists it', () => {
    // GIVEN a platform WHEN a tenant is added
    const platform = new SparkPlatform(Testing.app(), 'platform', { platform: resolvePlatform(spec(ARGOCD), { baseDir: FIXTURE }) });
    const tenant = platform.addTenant({ namespace: 'alpha', labels: { team: 'alpha' } });
    // THEN the chart and its children are reachable as typed fields
    expect(tenant).toBeInstanceOf(TenantNamespace);
    expect(platform.tenants).toEqual([tenant]);
    expect(tenant.namespaceName).toBe('alpha');
    expect(tenant.engine.deployment.metadata.name).toBe('fixture-engine');
    expect(tenant.engine.driverService.metadata.name).toBe('fixture-engine-driver');
    expect(tenant.rbac.submitterRole.metadata.namespace).toBe('alpha');
    expect(tenant.config.secretFiles).toEqual([]);
    expect(platform.proxy.proxy.deployment.metadata.namespace).toBe('platform-proxy');
    expect(platform.argoCd?.targets.map(t => t.namespace)).toEqual(['platform-proxy', 'alpha']);
  });

  test('a tenant added in code gets the checks of the spec, and a namespace in use is refused', () => {
    // GIVEN a platform with one tenant
    const platform = new SparkPlatform(Testing.app(), 'platform', {
      platform: resolvePlatform(spec({ tenants: [{ namespace: 'alpha' }] }), { baseDir: FIXTURE }),
    });
    // WHEN a tenant with an invalid namespace name is added THEN it is a SpecError naming the field
    expect(() => platform.addTenant({ namespace: 'Not_A_Name' })).toThrow(SpecError);
    expect(() => platform.addTenant({ namespace: 'Not_A_Name' })).toThrow(/tenants\[0\]\.namespace/);
    // AND a namespace that is taken is refused with the reason
    expect(() => platform.addTenant({ namespace: 'alpha' })).toThrow(/namespace alpha is already the proxy's or another tenant's/);
    expect(() => platform.addTenant({ namespace: 'platform-proxy' })).toThrow(/already the proxy's/);
    expect(platform.tenants.map(t => t.namespaceName)).toEqual(['alpha']);
  });

  test("Argo CD's namespace taken by a tenant added later is refused like in the spec", () => {
    // GIVEN a platform with Argo CD in "argocd" WHEN a tenant takes that namespace THEN it is a SpecError saying why
    const platform = new SparkPlatform(Testing.app(), 'platform', { platform: resolvePlatform(spec(ARGOCD), { baseDir: FIXTURE }) });
    expect(() => platform.addTenant({ namespace: 'argocd' })).toThrow(/Argo CD's namespace "argocd" \(the default\) is also a tenant namespace/);
  });

  test.each([['ArgoCdApplications', (app: PlatformApp, platform: Platform) => new ArgoCdApplications(app, 'argocd', { spec: platform.spec }), null]])(
    '%s alone: a tenant of the spec that was never added fails the synth (a tree-wide validation)',
    (_, build, message) => {
      // GIVEN a platform whose spec lists a tenant, and the construct used without SparkPlatform
      const platform = resolvePlatform(spec({ ...ARGOCD, tenants: [] }), { baseDir: FIXTURE });
      const app = new PlatformApp({ outdir: '/nonexistent' });
      const live = { ...platform, spec: { ...platform.spec, tenants: [] as TenantSpec[] } };
      build(app, live);
      // WHEN a tenant joins the list after construction without the construct's add method
      live.spec.tenants.push({ namespace: 'alpha' });
      // THEN rendering fails and says what to call
      expect(() => app.synthManifests()).toThrow(message ?? /namespace alpha has no Argo CD Application; call addNamespace/);
    },
  );

  test("a tenant's constructs can go into a chart of the user's own", () => {
    // GIVEN a user's chart
    const chart = new Chart(Testing.app(), 'mine');
    const platform = resolvePlatform(spec(), { baseDir: FIXTURE });
    // WHEN the tenant's RBAC is placed there
    new EngineRbac(chart, 'rbac', { spec: platform.spec, tenant: { namespace: 'alpha' } });
    // THEN the chart holds its ServiceAccounts, Roles and bindings in the tenant's namespace
    const objects = Testing.synth(chart);
    expect(objects.map(o => o.kind).sort()).toEqual(['Role', 'Role', 'RoleBinding', 'RoleBinding', 'ServiceAccount', 'ServiceAccount']);
    expect(new Set(objects.map(o => o.metadata.namespace))).toEqual(new Set(['alpha']));
  });
});
