import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, objectNames } from '../names';
import { PlatformSpec } from '../spec/types';

export interface EngineRbacProps {
  readonly spec: PlatformSpec;
  readonly namespace: string;
}

/**
 * Who may do what in a tenant namespace: the engine ServiceAccount manages its executors (pods,
 * services, configmaps, persistentvolumeclaims), and the proxy's ServiceAccount, from the proxy
 * namespace, may launch engines here with the same rights.
 */
export class EngineRbac extends Construct {
  constructor(scope: Construct, id: string, props: EngineRbacProps) {
    super(scope, id);
    const names = objectNames(props.spec);
    const labels = commonLabels(props.spec, 'rbac');
    const meta = (name: string) => ({ name, namespace: props.namespace, labels });
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: meta(names.engineServiceAccount) });
    new k8s.KubeRole(this, 'DriverRole', {
      metadata: meta(names.driverRole),
      rules: [
        {
          apiGroups: [''],
          resources: ['pods', 'services', 'configmaps', 'persistentvolumeclaims'],
          verbs: ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete', 'deletecollection'],
        },
        { apiGroups: [''], resources: ['pods/log'], verbs: ['get', 'list'] },
      ],
    });
    const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: names.driverRole };
    new k8s.KubeRoleBinding(this, 'EngineBinding', {
      metadata: meta(names.engineRoleBinding),
      roleRef,
      subjects: [{ kind: 'ServiceAccount', name: names.engineServiceAccount, namespace: props.namespace }],
    });
    new k8s.KubeRoleBinding(this, 'ProxyBinding', {
      metadata: meta(names.proxyLauncherRoleBinding),
      roleRef,
      subjects: [{ kind: 'ServiceAccount', name: names.proxyServiceAccount, namespace: props.spec.proxy.namespace }],
    });
  }
}
