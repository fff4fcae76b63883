import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels, NAMESPACE_NAME_LABEL, objectNames, podSelector } from '../names';
import { PORTS } from '../platform-spec/platform';
import { PlatformSpec, TenantSpec } from '../platform-spec/types';

export interface TenantNetworkPoliciesProps {
  /** The platform spec: the proxy's namespace and `network` (Spark UI sources, egress). */
  readonly spec: PlatformSpec;
  /** The tenant; its `network.egress` adds to the platform's. */
  readonly tenant: TenantSpec;
}

/** Pods that are a Spark driver: the client-mode engine, and a driver the proxy submits in cluster mode. */
export const DRIVER_COMPONENTS = ['engine', 'driver'] as const;

/**
 * Ingress isolation of one tenant namespace: everything is denied, then exactly the platform's flows
 * are allowed (docs/security.md, Network policies):
 *
 * - the namespace's executors to its drivers on the driver port (7078) and block manager (7079);
 * - the namespace's drivers and executors to its executors' block manager (7079: results, shuffle);
 * - the proxy namespace to the drivers' application port (8011);
 * - `network.sparkUiFrom` (default: the proxy namespace) to the drivers' Spark UI (4040).
 *
 * Pods are selected by the package's own labels (`podSelector` in src/names.ts), which every
 * generated pod and both pod templates carry, and namespaces by `kubernetes.io/metadata.name`, which
 * Kubernetes sets and no spec label can change. Another tenant's pods match no rule.
 *
 * With `network.egress` (the platform's, plus the tenant's), egress is isolated too: pods may reach
 * their own namespace, the cluster DNS (kube-dns in kube-system, port 53), the API server
 * (`network.apiServer`) and the declared endpoints, nothing else.
 */
export class TenantNetworkPolicies extends Construct {
  public readonly defaultDeny: k8s.KubeNetworkPolicy;
  public readonly engineIngress: k8s.KubeNetworkPolicy;
  public readonly executorIngress: k8s.KubeNetworkPolicy;
  /** With `network.egress` (platform or tenant): egress isolation. */
  public readonly egress?: k8s.KubeNetworkPolicy;

  constructor(scope: Construct, id: string, props: TenantNetworkPoliciesProps) {
    super(scope, id);
    const { spec, tenant } = props;
    const names = objectNames(spec);
    const metadata = (name: string) => ({ name, namespace: tenant.namespace, labels: commonLabels(spec, 'network-policy') });
    const tcp = (...ports: number[]) => ports.map(port => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }));
    const fromNamespaces = (namespaces: readonly string[]) => [
      {
        namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...new Set(namespaces)].sort() }] },
      },
    ];
    const sameNamespace = (components: readonly string[]) => [{ podSelector: podSelector(spec, components) }];

    this.defaultDeny = new k8s.KubeNetworkPolicy(this, 'DefaultDeny', {
      metadata: metadata(names.defaultDenyIngressPolicy),
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    this.engineIngress = new k8s.KubeNetworkPolicy(this, 'EngineIngress', {
      metadata: metadata(names.engineIngressPolicy),
      spec: {
        podSelector: podSelector(spec, DRIVER_COMPONENTS),
        policyTypes: ['Ingress'],
        ingress: [
          { from: sameNamespace(['executor']), ports: tcp(PORTS.driver, PORTS.blockManager) },
          ...applicationAndUiRules(spec.proxy.namespace, spec.network?.sparkUiFrom ?? [spec.proxy.namespace]).map(rule => ({
            from: fromNamespaces(rule.namespaces),
            ports: tcp(...rule.ports),
          })),
        ],
      },
    });
    const endpoints = [...(spec.network?.egress ?? []), ...(tenant.network?.egress ?? [])];
    const apiServer = spec.network?.apiServer;
    if (endpoints.length > 0 && apiServer) {
      const block = (cidr: string, ports: readonly number[]) => ({ to: [{ ipBlock: { cidr } }], ports: tcp(...ports) });
      this.egress = new k8s.KubeNetworkPolicy(this, 'Egress', {
        metadata: metadata(names.egressPolicy),
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            { to: [{ podSelector: {} }] },
            {
              to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
              ports: [
                { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
                { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
              ],
            },
            block(apiServer.cidr, [apiServer.port]),
            ...endpoints.map(e => block(e.cidr, e.ports)),
          ],
        },
      });
    }
    this.executorIngress = new k8s.KubeNetworkPolicy(this, 'ExecutorIngress', {
      metadata: metadata(names.executorIngressPolicy),
      spec: {
        podSelector: podSelector(spec, ['executor']),
        policyTypes: ['Ingress'],
        ingress: [{ from: sameNamespace([...DRIVER_COMPONENTS, 'executor']), ports: tcp(PORTS.blockManager) }],
      },
    });
  }
}

/**
 * The rules for the drivers' application port (from the proxy namespace) and Spark UI (from
 * `sparkUiFrom`): one rule for both ports when both come from the same namespaces, which admits exactly
 * the same flows as two rules and is written once in every tenant's file.
 */
function applicationAndUiRules(proxyNamespace: string, sparkUiFrom: readonly string[]): { namespaces: readonly string[]; ports: number[] }[] {
  const uiNamespaces = [...new Set(sparkUiFrom)];
  if (uiNamespaces.length === 1 && uiNamespaces[0] === proxyNamespace) return [{ namespaces: [proxyNamespace], ports: [PORTS.app, PORTS.sparkUi] }];
  return [
    { namespaces: [proxyNamespace], ports: [PORTS.app] },
    { namespaces: sparkUiFrom, ports: [PORTS.sparkUi] },
  ];
}
