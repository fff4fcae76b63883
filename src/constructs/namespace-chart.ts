import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { commonLabels } from '../names';
import { podSecurityLabels } from '../pod/security';
import { PlatformSpec } from '../platform-spec/types';

/** Per-object sync options; Argo CD reads `Delete=false` on an object when it cascades an Application's deletion (v2.7+). */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
/** Flux's kustomize-controller skips an object with this annotation when it prunes. */
export const FLUX_PRUNE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/prune';
/**
 * On every Namespace the package emits, so that neither GitOps tool deletes a namespace, and with it
 * whatever users and the cluster made there (Secrets, running engines): Argo CD deleting an
 * Application (or its ApplicationSet) with cascade leaves it, and Flux pruning a file that left dist/
 * (`prune: true`) leaves it.
 */
export const KEEP_NAMESPACE_ANNOTATIONS: Readonly<Record<string, string>> = {
  [SYNC_OPTIONS_ANNOTATION]: 'Delete=false',
  [FLUX_PRUNE_ANNOTATION]: 'disabled',
};

export interface NamespaceChartProps {
  readonly spec: PlatformSpec;
  /** The namespace this chart's objects live in; also its output file name. */
  readonly namespace: string;
  /** `proxy` or `tenant`. */
  readonly role: string;
  /** Extra labels on the Namespace object. @default - none */
  readonly labels?: Record<string, string>;
  /** Annotations on the Namespace object. @default - none */
  readonly annotations?: Record<string, string>;
  /**
   * Whether the chart emits the Namespace object. Off for a namespace that something else owns
   * (e.g. Argo CD's own), where the chart only places objects into it.
   * @default true
   */
  readonly createNamespace?: boolean;
}

/**
 * A chart that holds exactly one namespace and its objects, synthesized to `<namespace>.k8s.yaml`.
 *
 * The chart-level `namespace` of cdk8s is deliberately not used: it is also stamped onto the
 * cluster-scoped Namespace object. Every namespaced object sets its namespace explicitly instead,
 * and resource name hashes are off, so names never depend on construct paths.
 */
export class NamespaceChart extends Chart {
  /** Whether a construct is a NamespaceChart (works across package copies). */
  public static isNamespaceChart(x: unknown): x is NamespaceChart {
    return typeof x === 'object' && x !== null && NAMESPACE_CHART in x;
  }

  public readonly namespaceName: string;

  constructor(scope: Construct, id: string, props: NamespaceChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    Object.defineProperty(this, NAMESPACE_CHART, { value: true });
    this.namespaceName = props.namespace;
    if (props.createNamespace === false) return;
    new k8s.KubeNamespace(this, 'Namespace', {
      metadata: {
        name: props.namespace,
        labels: {
          ...commonLabels(props.spec, 'namespace'),
          'spark-tenancy.dev/platform': props.spec.name,
          'spark-tenancy.dev/role': props.role,
          ...podSecurityLabels(props.spec),
          ...props.labels,
        },
        annotations: { ...props.annotations, ...KEEP_NAMESPACE_ANNOTATIONS },
      },
    });
  }
}

const NAMESPACE_CHART = Symbol.for('spark-tenancy.NamespaceChart');
