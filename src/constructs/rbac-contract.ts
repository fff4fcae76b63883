import { ObjectNames } from '../names';

/**
 * What each ServiceAccount of the platform may do, read from Spark's own code (3.5 and 4.0, with the
 * fabric8 client they ship: 6.7 and 7.1), and the allow/deny table that follows from it. The Roles in
 * every tenant namespace are generated from these grants, and the unit suite and the real-cluster suite
 * check the emitted RBAC against the same table.
 *
 * Three fabric8 behaviours decide the verbs:
 *  - `serverSideApply()` is a PATCH; when the object does not exist yet the API server also authorizes
 *    it as `create`, so an applied object needs both;
 *  - `edit()` is a GET and then a JSON PATCH;
 *  - `withLabel(...).delete()` is one DELETE on the collection (`deletecollection`), and a 403 is not
 *    retried item by item (fabric8 5, in Spark 3.3, listed and deleted one by one instead).
 */

/** The verbs of the table (every verb RBAC knows for these resources but the special ones such as `escalate`). */
export const RBAC_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;
export type RbacVerb = (typeof RBAC_VERBS)[number];

/**
 * The resources of the table, as `kubectl auth can-i` names them (`<resource>[/<subresource>][.<group>]`):
 * what Spark touches, and what user code in an engine or executor must not reach.
 */
export const RBAC_RESOURCES = [
  'pods',
  'pods/log',
  'pods/exec',
  'configmaps',
  'services',
  'persistentvolumeclaims',
  'secrets',
  'serviceaccounts',
  'statefulsets.apps',
  'roles.rbac.authorization.k8s.io',
  'rolebindings.rbac.authorization.k8s.io',
] as const;
export type RbacResource = (typeof RBAC_RESOURCES)[number];

/** Who holds a grant: the proxy (cluster-mode `spark-submit`), engines (drivers) and executors. */
export type RbacServiceAccount = 'proxy' | 'engine' | 'executor';
/**
 * Where a row asks: `tenant` is a tenant namespace (for engines and executors, the one their
 * ServiceAccount lives in; for the proxy, any of them), `proxy` the proxy's namespace, `other` any
 * namespace outside the platform and, for engines and executors, another tenant's namespace.
 */
export type RbacNamespace = 'tenant' | 'proxy' | 'other';

/** Verbs on one resource, and the Spark code that needs them. */
export interface RbacGrant {
  readonly resource: RbacResource;
  readonly verbs: readonly RbacVerb[];
  /** The Spark code that makes these calls. */
  readonly reason: string;
}

/** Whether Spark creates PersistentVolumeClaims for the driver's or the executors' volumes. */
export interface OnDemandClaims {
  /** Cluster-mode drivers: `Client.run` applies them with the driver's other resources. */
  readonly driver: boolean;
  /** Executors: `ExecutorPodsAllocator` creates them with each executor pod. */
  readonly executor: boolean;
}

export const NO_ON_DEMAND_CLAIMS: OnDemandClaims = { driver: false, executor: false };

const PVC_OPTION = /^spark\.kubernetes\.(driver|executor)\.volumes\.persistentVolumeClaim\.([^.]+)\.options\.(storageClass|sizeLimit)$/;

/**
 * Which roles' volumes Spark creates claims for, from Spark properties: `MountVolumesFeatureStep` adds
 * a PersistentVolumeClaim to the resources it creates exactly when a persistentVolumeClaim volume has
 * both `options.storageClass` and `options.sizeLimit` (the usual `claimName: OnDemand` case).
 */
export function onDemandClaims(properties: Readonly<Record<string, string>>): OnDemandClaims {
  const options = new Map<string, Set<string>>();
  for (const key of Object.keys(properties)) {
    const match = PVC_OPTION.exec(key);
    if (!match) continue;
    const volume = `${match[1]}.${match[2]}`;
    options.set(volume, (options.get(volume) ?? new Set()).add(match[3]));
  }
  const creates = (role: string) => [...options].some(([volume, set]) => volume.startsWith(`${role}.`) && set.size === 2);
  return { driver: creates('driver'), executor: creates('executor') };
}

/**
 * Cluster-mode `spark-submit` as the proxy runs it (`KubernetesClientApplication`, `Client.run`,
 * `K8sSubmitOps`). It never patches or deletes the ConfigMaps and Services it applies: they carry an
 * owner reference to the driver pod, so the garbage collector removes them with the pod; the rollback
 * in `Client.run` deletes the driver pod (and only the "pre" resources, which only the Volcano step makes).
 */
export function submitterGrants(claims: OnDemandClaims = NO_ON_DEMAND_CLAIMS): RbacGrant[] {
  const grants: RbacGrant[] = [
    {
      resource: 'pods',
      verbs: ['get', 'list', 'watch', 'create', 'delete'],
      reason:
        'Client.run creates the driver pod, deletes it when applying its resources fails, and with ' +
        'waitAppCompletion watches and gets it; K8sSubmitOps (--status, --kill) gets, lists and deletes drivers',
    },
    {
      resource: 'configmaps',
      verbs: ['get', 'create', 'patch'],
      reason:
        "Client.run server-side applies the driver's spark-drv-*-conf-map, and PodTemplateConfigMapStep's " +
        "executor pod template ConfigMap; bootstrap.sh launch (not Spark) gets the tenant's Spark ConfigMap " +
        'with the cluster-mode spark-defaults.conf and pod templates',
    },
    {
      resource: 'services',
      verbs: ['create', 'patch'],
      reason: 'Client.run server-side applies the driver Service of DriverServiceFeatureStep',
    },
  ];
  if (claims.driver) {
    grants.push({
      resource: 'persistentvolumeclaims',
      verbs: ['create', 'patch'],
      reason: "Client.run server-side applies the on-demand claims of the driver's volumes (MountVolumesFeatureStep)",
    });
  }
  return grants;
}

/**
 * A driver (the client-mode engine, or a cluster-mode driver the proxy launched), as
 * `KubernetesClusterSchedulerBackend`, `ExecutorPodsAllocator`, `ExecutorPodsWatchSnapshotSource`,
 * `ExecutorPodsPollingSnapshotSource` and `ExecutorPodsLifecycleManager` call the API.
 *
 * Left out on purpose, although Spark calls them with default settings: `services` (only the
 * stop-time `deletecollection` of `spark.kubernetes.driver.service.deleteOnTermination`: a client-mode
 * driver has no Service, and a cluster-mode driver's Service is owned by its pod) and, without on-demand
 * claims, `persistentvolumeclaims` (`getReusablePVCs` lists them and stop deletes them while
 * `spark.kubernetes.driver.ownPersistentVolumeClaim` is true, its default). Spark logs those calls' 403
 * and goes on; granting them would let user code in the driver delete every Service or claim of the namespace.
 */
export function driverGrants(claims: OnDemandClaims = NO_ON_DEMAND_CLAIMS): RbacGrant[] {
  const grants: RbacGrant[] = [
    {
      resource: 'pods',
      verbs: ['get', 'list', 'watch', 'create', 'patch', 'delete', 'deletecollection'],
      reason:
        'ExecutorPodsAllocator gets the driver pod, waits for it to be ready, creates executor pods and ' +
        'deletes timed-out, excess and (on stop) all executors by label (deletecollection); the snapshot sources ' +
        'watch and list them; ExecutorPodsLifecycleManager deletes finished executors, or edits them inactive; ' +
        'KubernetesClusterSchedulerBackend edits the executor id and decommission labels onto them and deletes ' +
        'the ones still running after a kill',
    },
    {
      resource: 'configmaps',
      verbs: ['create', 'deletecollection'],
      reason: "KubernetesClusterSchedulerBackend creates the executors' spark-exec-*-conf-map on start and deletes " + 'it by label on stop',
    },
  ];
  if (claims.executor || claims.driver) {
    grants.push({
      resource: 'persistentvolumeclaims',
      verbs: claims.executor ? ['list', 'create', 'deletecollection'] : ['deletecollection'],
      reason:
        'ExecutorPodsAllocator lists reusable claims and creates one per executor volume; ' +
        "KubernetesClusterSchedulerBackend deletes the application's claims by label on stop",
    });
  }
  return grants;
}

/** The grants of each ServiceAccount in a tenant namespace; nothing anywhere else. */
export interface TenantGrants {
  readonly proxy: readonly RbacGrant[];
  readonly engine: readonly RbacGrant[];
  readonly executor: readonly RbacGrant[];
}

export function tenantGrants(claims: OnDemandClaims = NO_ON_DEMAND_CLAIMS): TenantGrants {
  // Executors never build a Kubernetes client (KubernetesExecutorBackend): they get nothing, not even a token.
  return { proxy: submitterGrants(claims), engine: driverGrants(claims), executor: [] };
}

/** One line of the allow/deny table. */
export interface RbacContractRow {
  readonly serviceAccount: RbacServiceAccount;
  readonly verb: RbacVerb;
  readonly resource: RbacResource;
  readonly namespace: RbacNamespace;
  /** True when the request must be allowed, false when it must be refused. */
  readonly expected: boolean;
}

/**
 * The whole table: every ServiceAccount x verb x resource x namespace kind, allowed exactly where a
 * grant says so (in a tenant namespace), refused everywhere else.
 */
export function rbacContract(grants: TenantGrants = tenantGrants()): RbacContractRow[] {
  const rows: RbacContractRow[] = [];
  for (const serviceAccount of ['proxy', 'engine', 'executor'] as const) {
    for (const namespace of ['tenant', 'proxy', 'other'] as const) {
      for (const resource of RBAC_RESOURCES) {
        const granted = grants[serviceAccount].filter(g => g.resource === resource).flatMap(g => g.verbs);
        for (const verb of RBAC_VERBS) {
          rows.push({ serviceAccount, verb, resource, namespace, expected: namespace === 'tenant' && granted.includes(verb) });
        }
      }
    }
  }
  return rows;
}

/**
 * The Kubernetes user a table row's ServiceAccount is, for `kubectl auth can-i --as` or a
 * SubjectAccessReview: the proxy's lives in the proxy namespace, engines' and executors' in each tenant's.
 */
export function serviceAccountUser(names: ObjectNames, serviceAccount: RbacServiceAccount, proxyNamespace: string, tenantNamespace: string): string {
  const [name, namespace] =
    serviceAccount === 'proxy'
      ? [names.proxyServiceAccount, proxyNamespace]
      : [serviceAccount === 'engine' ? names.engineServiceAccount : names.executorServiceAccount, tenantNamespace];
  return `system:serviceaccount:${namespace}:${name}`;
}

/** A Role rule (rbac.authorization.k8s.io/v1 PolicyRule). */
export interface PolicyRuleJson {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
}

/** Splits a table resource into RBAC's API group and resource (with its subresource). */
export function resourceParts(resource: RbacResource): { group: string; resource: string } {
  const dot = resource.indexOf('.');
  return dot < 0 ? { group: '', resource } : { group: resource.slice(dot + 1), resource: resource.slice(0, dot) };
}

/** One rule per grant, in grant order, verbs in the table's order: the Role says exactly the grants. */
export function policyRules(grants: readonly RbacGrant[]): PolicyRuleJson[] {
  return grants.map(g => {
    const { group, resource } = resourceParts(g.resource);
    return { apiGroups: [group], resources: [resource], verbs: RBAC_VERBS.filter(v => g.verbs.includes(v)) };
  });
}
