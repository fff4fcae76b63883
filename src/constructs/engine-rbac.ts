import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { PlatformSpec, TenantSpec } from '../platform-spec/types';
import { onDemandClaims, policyRules, tenantGrants, TenantGrants } from './rbac-contract';

export interface EngineRbacProps {
  /** The platform spec: object names, labels and the proxy's namespace. */
  readonly spec: PlatformSpec;
  /** The tenant whose namespace the RBAC objects go into; its Spark properties decide on-demand volume claims. */
  readonly tenant: TenantSpec;
}

/**
 * Who may do what in a tenant namespace, generated from the grants of `rbac-contract.ts`: the engine
 * ServiceAccount gets the driver Role (executors, their ConfigMap), the proxy's ServiceAccount, from the
 * proxy namespace, gets the submitter Role (what cluster-mode `spark-submit` does), and executors get a
 * ServiceAccount of their own with no binding and no token, so user code holds no API rights.
 */
export class EngineRbac extends Construct {
  /** The grants the Roles were made from. */
  public readonly grants: TenantGrants;
  /** The engine's ServiceAccount, bound to the driver Role. */
  public readonly engineServiceAccount: k8s.KubeServiceAccount;
  /** The executors' ServiceAccount: no binding, no token. */
  public readonly executorServiceAccount: k8s.KubeServiceAccount;
  /** What the driver may do: executors and their ConfigMap. */
  public readonly driverRole: k8s.KubeRole;
  /** What the proxy's cluster-mode spark-submit may do in this namespace. */
  public readonly submitterRole: k8s.KubeRole;

  constructor(scope: Construct, id: string, props: EngineRbacProps) {
    super(scope, id);
    const { spec, tenant } = props;
    const names = objectNames(spec);
    const labels = commonLabels(spec, 'rbac');
    const meta = (name: string) => ({ name, namespace: tenant.namespace, labels });
    this.grants = tenantGrants(onDemandClaims({ ...spec.spark?.properties, ...tenant.spark?.properties }));

    this.engineServiceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: meta(names.engineServiceAccount) });
    this.executorServiceAccount = new k8s.KubeServiceAccount(this, 'ExecutorServiceAccount', {
      metadata: meta(names.executorServiceAccount),
      automountServiceAccountToken: false,
    });
    this.driverRole = new k8s.KubeRole(this, 'DriverRole', { metadata: meta(names.driverRole), rules: policyRules(this.grants.engine) });
    this.submitterRole = new k8s.KubeRole(this, 'SubmitterRole', { metadata: meta(names.submitterRole), rules: policyRules(this.grants.proxy) });
    const roleRef = (name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name });
    new k8s.KubeRoleBinding(this, 'EngineBinding', {
      metadata: meta(names.engineRoleBinding),
      roleRef: roleRef(names.driverRole),
      subjects: [{ kind: 'ServiceAccount', name: names.engineServiceAccount, namespace: tenant.namespace }],
    });
    new k8s.KubeRoleBinding(this, 'ProxyBinding', {
      metadata: meta(names.proxyLauncherRoleBinding),
      roleRef: roleRef(names.submitterRole),
      subjects: [{ kind: 'ServiceAccount', name: names.proxyServiceAccount, namespace: spec.proxy.namespace }],
    });
  }
}
