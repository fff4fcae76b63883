import * as path from 'path';
import { loadPlatformFile } from '../../src';
import { objectNames } from '../../src/names';
import {
  onDemandClaims,
  RBAC_RESOURCES,
  RBAC_VERBS,
  rbacContract,
  RbacContractRow,
  resourceParts,
  serviceAccountUser,
  tenantGrants,
} from '../../src/constructs/rbac-contract';
import { findObject, ManifestObject, parseManifest, synthNamespaces } from '../../src/testing';

/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'example');
const platform = loadPlatformFile(path.join(EXAMPLE, 'platform.yaml'));
const names = objectNames(platform.spec);
const proxyNamespace = platform.spec.proxy.namespace;
const tenantNamespaces = platform.spec.tenants.map(t => t.namespace);
const objects: ManifestObject[] = [...synthNamespaces(platform).values()].flatMap(parseManifest);
type Json = Record<string, any>;

/**
 * What RBAC's authorizer would answer for the emitted objects: the union of the rules of every Role
 * (or ClusterRole) bound in `namespace`, or cluster-wide, to `user`. Wildcards count, as they do for RBAC.
 */
function allowed(user: string, verb: string, tableResource: (typeof RBAC_RESOURCES)[number], namespace: string): boolean {
  const { group, resource } = resourceParts(tableResource);
  const matches = (list: string[] | undefined, value: string) => (list ?? []).some(v => v === value || v === '*');
  const boundToUser = (binding: Json) =>
    (binding.subjects ?? []).some((s: Json) => s.kind === 'ServiceAccount' && `system:serviceaccount:${s.namespace}:${s.name}` === user);
  const bindings = objects.filter(o => (o.kind === 'RoleBinding' && o.metadata.namespace === namespace) || o.kind === 'ClusterRoleBinding');
  return bindings.filter(boundToUser).some(binding => {
    const { kind, name } = (binding as Json).roleRef;
    const role = objects.find(o => o.kind === kind && o.metadata.name === name && (kind === 'ClusterRole' || o.metadata.namespace === namespace)) as
      Json | undefined;
    return (role?.rules ?? []).some((r: Json) => matches(r.apiGroups, group) && matches(r.resources, resource) && matches(r.verbs, verb));
  });
}

/**
 * The (namespace asked in, namespace of the ServiceAccount) pairs of a row: engines and executors live
 * in one tenant namespace each, and another tenant's namespace is `other` to them.
 */
function placesOf(row: RbacContractRow): { namespace: string; home: string }[] {
  const outside = 'not-a-platform-namespace';
  if (row.serviceAccount === 'proxy') {
    const namespaces = row.namespace === 'tenant' ? tenantNamespaces : row.namespace === 'proxy' ? [proxyNamespace] : [outside];
    return namespaces.map(namespace => ({ namespace, home: proxyNamespace }));
  }
  return tenantNamespaces.flatMap(home => {
    const namespaces =
      row.namespace === 'tenant' ? [home] : row.namespace === 'proxy' ? [proxyNamespace] : [outside, ...tenantNamespaces.filter(t => t !== home)];
    return namespaces.map(namespace => ({ namespace, home }));
  });
}

const contract = rbacContract();
const allowedRows = (serviceAccount: RbacContractRow['serviceAccount']) =>
  contract.filter(r => r.serviceAccount === serviceAccount && r.expected && r.namespace === 'tenant').map(r => `${r.verb} ${r.resource}`);

describe('the RBAC contract (allow/deny table) and the emitted Roles', () => {
  test('the table covers every ServiceAccount x verb x resource x namespace kind exactly once', () => {
    // THEN 3 ServiceAccounts x 3 namespace kinds x every resource x every verb, no duplicate
    expect(contract).toHaveLength(3 * 3 * RBAC_RESOURCES.length * RBAC_VERBS.length);
    expect(new Set(contract.map(r => `${r.serviceAccount} ${r.namespace} ${r.resource} ${r.verb}`)).size).toBe(contract.length);
  });

  test('the emitted manifests allow exactly what the table allows: in each tenant, the proxy namespace, other tenants and elsewhere', () => {
    // GIVEN the example's dist/ objects, all namespaces together
    const mismatches: string[] = [];
    let questions = 0;
    for (const row of contract) {
      for (const { namespace, home } of placesOf(row)) {
        questions++;
        const user = serviceAccountUser(names, row.serviceAccount, proxyNamespace, home);
        // WHEN RBAC is asked the row's question
        const actual = allowed(user, row.verb, row.resource, namespace);
        if (actual !== row.expected) mismatches.push(`${user} ${row.verb} ${row.resource} in ${namespace}: ${actual ? 'allowed' : 'denied'}`);
      }
    }
    // THEN it answers as the table says (every row asked at least once; engines and executors from each tenant)
    expect(mismatches).toEqual([]);
    expect(questions).toBeGreaterThan(contract.length);
  });

  test('the proxy may do what cluster-mode spark-submit does in a tenant namespace, and nothing more', () => {
    expect(allowedRows('proxy')).toEqual([
      'get pods',
      'list pods',
      'watch pods',
      'create pods',
      'delete pods',
      'get configmaps',
      'create configmaps',
      'patch configmaps',
      'create services',
      'patch services',
    ]);
  });

  test('an engine may do what a driver does with its executors, and nothing more', () => {
    expect(allowedRows('engine')).toEqual([
      'get pods',
      'list pods',
      'watch pods',
      'create pods',
      'patch pods',
      'delete pods',
      'deletecollection pods',
      'create configmaps',
      'deletecollection configmaps',
    ]);
  });

  test('executors, the proxy namespace and other namespaces get nothing; nobody gets secrets, update or RBAC objects', () => {
    const granted = contract.filter(r => r.expected);
    expect(granted.filter(r => r.serviceAccount === 'executor')).toEqual([]);
    expect(granted.filter(r => r.namespace !== 'tenant')).toEqual([]);
    expect(granted.filter(r => ['secrets', 'serviceaccounts', 'pods/exec', 'pods/log'].includes(r.resource) || r.resource.includes('rbac'))).toEqual([]);
    expect(granted.filter(r => r.verb === 'update')).toEqual([]);
  });

  test('executors have a ServiceAccount of their own, without a token and without a binding', () => {
    for (const namespace of tenantNamespaces) {
      const account = findObject(
        objects.filter(o => o.metadata.namespace === namespace),
        'ServiceAccount',
        names.executorServiceAccount,
      ) as Json;
      expect(account.automountServiceAccountToken).toBe(false);
    }
    const bindsExecutor = objects.filter(
      o => /RoleBinding$/.test(o.kind) && ((o as Json).subjects ?? []).some((s: Json) => s.name === names.executorServiceAccount),
    );
    expect(bindsExecutor).toEqual([]);
  });

  test('the proxy is bound to the submitter Role and the engine to the driver Role, in each tenant namespace', () => {
    for (const namespace of tenantNamespaces) {
      const inNamespace = objects.filter(o => o.metadata.namespace === namespace);
      const proxyBinding = findObject(inNamespace, 'RoleBinding', names.proxyLauncherRoleBinding) as Json;
      expect(proxyBinding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'my-project-spark-submitter' });
      expect(proxyBinding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'my-project-proxy', namespace: 'my-project' }]);
      const engineBinding = findObject(inNamespace, 'RoleBinding', names.engineRoleBinding) as Json;
      expect(engineBinding.roleRef.name).toBe('my-project-spark-driver');
      expect(engineBinding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'my-project-engine', namespace }]);
    }
  });
});

describe('on-demand PersistentVolumeClaims', () => {
  const prefix = 'spark.kubernetes.executor.volumes.persistentVolumeClaim.data.options';

  test('GIVEN no claim volumes THEN nobody may touch claims', () => {
    const grants = tenantGrants(onDemandClaims({ 'spark.executor.memory': '4g' }));
    expect([...grants.proxy, ...grants.engine].filter(g => g.resource === 'persistentvolumeclaims')).toEqual([]);
  });

  test('GIVEN an executor volume with storageClass and sizeLimit THEN the driver may list, create and delete-by-label claims', () => {
    const claims = onDemandClaims({ [`${prefix}.claimName`]: 'OnDemand', [`${prefix}.storageClass`]: 'gp3', [`${prefix}.sizeLimit`]: '100Gi' });
    expect(claims).toEqual({ driver: false, executor: true });
    expect(tenantGrants(claims).engine.find(g => g.resource === 'persistentvolumeclaims')?.verbs).toEqual(['list', 'create', 'deletecollection']);
    expect(tenantGrants(claims).proxy.find(g => g.resource === 'persistentvolumeclaims')).toBeUndefined();
  });

  test('GIVEN a claim volume with a storageClass but no sizeLimit THEN Spark creates no claim, and nobody gets claims', () => {
    expect(onDemandClaims({ [`${prefix}.claimName`]: 'OnDemand', [`${prefix}.storageClass`]: 'gp3' })).toEqual({ driver: false, executor: false });
  });

  test('GIVEN a driver volume with storageClass and sizeLimit THEN the submitter may apply claims', () => {
    const driver = 'spark.kubernetes.driver.volumes.persistentVolumeClaim.scratch.options';
    const claims = onDemandClaims({ [`${driver}.storageClass`]: 'gp3', [`${driver}.sizeLimit`]: '10Gi' });
    expect(claims).toEqual({ driver: true, executor: false });
    expect(tenantGrants(claims).proxy.find(g => g.resource === 'persistentvolumeclaims')?.verbs).toEqual(['create', 'patch']);
  });
});
