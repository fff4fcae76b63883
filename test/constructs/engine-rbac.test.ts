import { EngineRbac } from '../../src/constructs/engine-rbac';
import { TenantSpec } from '../../src';
import { Json, only, smallSpec, synthInChart } from './fixture';

/** The RBAC objects of tenant `alpha` of the small spec, with the tenant entry `tenant`. */
function rbacObjects(tenant: TenantSpec = { namespace: 'alpha' }): Json[] {
  const spec = smallSpec({ tenants: [tenant] });
  return synthInChart(chart => new EngineRbac(chart, 'Rbac', { spec, tenant }));
}

/** `resource: verbs` of a Role's rules, for compact expectations. */
const grantsOf = (role: Json): string[] => role.rules.flatMap((rule: Json) => rule.resources.map((resource: string) => `${resource}: ${rule.verbs.join(',')}`));

describe('EngineRbac', () => {
  test("the engine's ServiceAccount is bound to the driver Role, in the tenant namespace only", () => {
    // GIVEN tenant alpha WHEN its RBAC is built
    const objects = rbacObjects();
    // THEN every object is in alpha, and the engine binding ties the engine ServiceAccount to the driver Role
    expect(objects.every(o => o.metadata.namespace === 'alpha')).toBe(true);
    expect(only(objects, 'RoleBinding', 'small-engine')).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'small-spark-driver' },
      subjects: [{ kind: 'ServiceAccount', name: 'small-engine', namespace: 'alpha' }],
    });
    // AND the driver may manage its executor pods
    expect(grantsOf(only(objects, 'Role', 'small-spark-driver'))).toEqual(expect.arrayContaining([expect.stringMatching(/^pods: .*create.*delete/)]));
  });

  test("the proxy's ServiceAccount, from the proxy namespace, gets the submitter Role", () => {
    // GIVEN tenant alpha WHEN its RBAC is built
    const binding = only(rbacObjects(), 'RoleBinding', 'small-proxy-launcher');
    // THEN the subject lives in the proxy namespace, the binding in the tenant's
    expect(binding).toMatchObject({
      metadata: { namespace: 'alpha' },
      roleRef: { kind: 'Role', name: 'small-spark-submitter' },
      subjects: [{ kind: 'ServiceAccount', name: 'small-proxy', namespace: 'small-proxy' }],
    });
  });

  test('executors get a ServiceAccount without a token and without any binding', () => {
    // GIVEN tenant alpha WHEN its RBAC is built
    const objects = rbacObjects();
    // THEN the executors' account mounts no token
    expect(only(objects, 'ServiceAccount', 'small-executor').automountServiceAccountToken).toBe(false);
    // AND no binding names it, so user code on executors holds no API rights
    const subjects = objects.filter(o => o.kind === 'RoleBinding').flatMap(o => o.subjects.map((s: Json) => s.name));
    expect(subjects).not.toContain('small-executor');
  });

  test("claims for on-demand executor volumes are granted only when the tenant's properties make Spark create them", () => {
    // GIVEN a tenant without on-demand volumes and one whose executors get an OnDemand claim (storageClass and sizeLimit)
    const volume = 'spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options';
    const onDemand: TenantSpec = {
      namespace: 'alpha',
      spark: { properties: { [`${volume}.claimName`]: 'OnDemand', [`${volume}.storageClass`]: 'standard', [`${volume}.sizeLimit`]: '10Gi' } },
    };
    // WHEN their RBAC is built
    const without = grantsOf(only(rbacObjects(), 'Role', 'small-spark-driver'));
    const withClaims = grantsOf(only(rbacObjects(onDemand), 'Role', 'small-spark-driver'));
    // THEN only the second driver Role may touch PersistentVolumeClaims
    expect(without.filter(g => g.startsWith('persistentvolumeclaims'))).toEqual([]);
    expect(withClaims.filter(g => g.startsWith('persistentvolumeclaims'))).not.toEqual([]);
  });
});
