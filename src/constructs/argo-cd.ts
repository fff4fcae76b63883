import { createHash } from 'crypto';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { commonLabels } from '../names';
import { argoCdNamespaceClash, DEFAULTS } from '../spec/platform';
import { ArgoCdSpec, PlatformSpec } from '../spec/types';
import { MANIFEST_SUFFIX } from '../synth/dist-writer';
import { NamespaceChart } from './namespace-chart';

/** Argo CD's API group and version for Application and ApplicationSet. */
export const ARGOCD_API_VERSION = 'argoproj.io/v1alpha1';
/** The cluster Argo CD runs in, as Argo CD names it. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
/** Argo CD applies lower waves first (within one parent sync, e.g. app-of-apps). */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** `gitops.argocd` with every default applied. */
export type ArgoCdSettings = Required<ArgoCdSpec>;

/** The defaults of `gitops.argocd`; one place so docs, schema and code agree. */
export const ARGOCD_DEFAULTS: Omit<ArgoCdSettings, 'repoURL'> = {
  targetRevision: 'HEAD',
  path: 'dist',
  project: 'default',
  namespace: DEFAULTS.argocdNamespace,
  mode: 'applicationset',
};

/** `gitops.argocd` of the spec with defaults applied, or undefined when the spec has none. */
export function argoCdSettings(spec: Pick<PlatformSpec, 'gitops'>): ArgoCdSettings | undefined {
  const argocd = spec.gitops?.argocd;
  return argocd ? { ...ARGOCD_DEFAULTS, ...argocd } : undefined;
}

/** One committed manifest file that Argo CD applies: a namespace of the platform. */
export interface ArgoCdTarget {
  /** The namespace, also the Application's destination. */
  readonly namespace: string;
  /** The file under `path`, `<namespace>.k8s.yaml`. */
  readonly file: string;
  /** `proxy` or `tenant`. */
  readonly role: 'proxy' | 'tenant';
  /** Name of the Application that applies the file (a DNS label). */
  readonly applicationName: string;
  /** Sync wave: the proxy's namespace ("0") before the tenants' ("1"). */
  readonly syncWave: string;
}

/**
 * The files Argo CD applies, one per namespace of the platform in synth order: the proxy's, then
 * the tenants'. Derived from the spec alone, so a new tenant is one line in the spec and one more
 * target here.
 */
export function argoCdTargets(spec: PlatformSpec): ArgoCdTarget[] {
  const target = (namespace: string, role: ArgoCdTarget['role']): ArgoCdTarget => ({
    namespace,
    file: `${namespace}${MANIFEST_SUFFIX}`,
    role,
    applicationName: applicationName(spec.name, namespace),
    syncWave: role === 'proxy' ? '0' : '1',
  });
  return [target(spec.proxy.namespace, 'proxy'), ...spec.tenants.map(t => target(t.namespace, 'tenant'))];
}

/** Longest DNS label; Argo CD also copies the Application name into a label value (same limit). */
const MAX_NAME_LENGTH = 63;

/**
 * `<platform>-<namespace>`, shortened with a hash suffix when longer than a DNS label (a 40-character
 * prefix plus a 63-character namespace can be), so two namespaces never share an Application name.
 */
export function applicationName(platformName: string, namespace: string): string {
  const full = `${platformName}-${namespace}`;
  if (full.length <= MAX_NAME_LENGTH) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_NAME_LENGTH - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

export interface ArgoCdApplicationsProps {
  /** The platform spec; `gitops.argocd` must be set. */
  readonly spec: PlatformSpec;
}

/**
 * Argo CD objects that apply the committed `dist/`: one ApplicationSet (list generator, one element
 * per namespace) or one Application per namespace, each applying exactly its namespace's file. Its
 * own file, `<argocd namespace>.k8s.yaml`, is never among them: it is applied once by hand (or by an
 * app-of-apps), and it holds no Namespace object because Argo CD's namespace belongs to Argo CD.
 */
export class ArgoCdApplications extends NamespaceChart {
  /** What Argo CD applies, in order. */
  public readonly targets: readonly ArgoCdTarget[];
  /** `gitops.argocd` with defaults applied. */
  public readonly settings: ArgoCdSettings;

  constructor(scope: Construct, id: string, props: ArgoCdApplicationsProps) {
    const { spec } = props;
    const settings = argoCdSettings(spec);
    if (!settings) throw new Error('ArgoCdApplications needs gitops.argocd in the spec');
    super(scope, id, { spec, namespace: settings.namespace, role: 'gitops', createNamespace: false });
    this.settings = settings;
    this.targets = argoCdTargets(spec);
    const clash = argoCdNamespaceClash(spec);
    if (clash) throw new Error(`gitops.argocd.namespace "${clash.namespace}" is also ${clash.owner}; Argo CD needs a namespace of its own`);

    const labels = commonLabels(spec, 'gitops');
    if (settings.mode === 'applications') {
      for (const target of this.targets) {
        new ApiObject(this, `Application-${target.namespace}`, {
          apiVersion: ARGOCD_API_VERSION,
          kind: 'Application',
          metadata: {
            name: target.applicationName,
            namespace: settings.namespace,
            labels: { ...labels, ...targetLabels(target.namespace, target.role) },
            annotations: { [SYNC_WAVE_ANNOTATION]: target.syncWave },
          },
          spec: applicationSpec(settings, target.namespace, target.file),
        });
      }
      return;
    }

    // A list generator rather than a git files generator: the elements come from the spec and show up
    // in the reviewed diff of this file, nothing depends on how Argo CD reads manifests as parameter
    // files, and this file can never select itself. The template is the Application above, with
    // placeholders.
    new ApiObject(this, 'ApplicationSet', {
      apiVersion: ARGOCD_API_VERSION,
      kind: 'ApplicationSet',
      metadata: { name: spec.name, namespace: settings.namespace, labels },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{
          list: {
            elements: this.targets.map(t => ({ name: t.applicationName, namespace: t.namespace, file: t.file, role: t.role, syncWave: t.syncWave })),
          },
        }],
        template: {
          metadata: {
            name: '{{.name}}',
            labels: { ...labels, ...targetLabels('{{.namespace}}', '{{.role}}') },
            annotations: { [SYNC_WAVE_ANNOTATION]: '{{.syncWave}}' },
          },
          spec: applicationSpec(settings, '{{.namespace}}', '{{.file}}'),
        },
      },
    });
  }
}

/** Labels that let Argo CD selectors (e.g. an ApplicationSet RollingSync) tell proxy and tenants apart. */
function targetLabels(namespace: string, role: string): Record<string, string> {
  return { 'spark-tenancy.dev/namespace': namespace, 'spark-tenancy.dev/role': role };
}

/** An Application's spec: one namespace's file from the committed output, kept in sync automatically. */
function applicationSpec(settings: ArgoCdSettings, namespace: string, file: string): Record<string, unknown> {
  return {
    project: settings.project,
    source: {
      repoURL: settings.repoURL,
      targetRevision: settings.targetRevision,
      path: settings.path,
      directory: { include: file },
    },
    destination: { server: IN_CLUSTER_SERVER, namespace },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      // The file holds its own Namespace object, with the labels Pod Security admission reads.
      // Server-side apply: client-side apply copies each object into an annotation (256 KiB at most),
      // which a ConfigMap of large files or a tenant's pod templates can exceed.
      syncOptions: ['CreateNamespace=false', 'ServerSideApply=true'],
    },
  };
}
