import { createHash } from 'crypto';
import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as argo from '../../imports/argoproj.io';
import { DNS1123_LABEL, LABEL_VALUE } from '../name-formats';
import { commonLabels, objectNames } from '../names';
import { argoCdNamespaceClash, DEFAULTS } from '../platform-spec/platform';
import { ArgoCdSpec, PlatformSpec } from '../platform-spec/types';
import { MANIFEST_SUFFIX } from '../synth/dist-writer';
import { NamespaceChart } from './namespace-chart';

/** Argo CD's API group and version for Application and ApplicationSet. */
export const ARGOCD_API_VERSION = argo.Application.GVK.apiVersion;
/** The cluster Argo CD runs in, as Argo CD names it. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
/** Cluster-scoped kinds the package emits; everything else it emits is namespaced. */
const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set(['Namespace']);

/** `gitops.argocd` with every default applied; `generateProject` when the package makes the AppProject. */
export type ArgoCdSettings = Required<ArgoCdSpec> & { readonly generateProject: boolean };

/** The defaults of `gitops.argocd` (the project's is the generated AppProject, see `argoCdSettings`); one place so docs, schema and code agree. */
export const ARGOCD_DEFAULTS: Omit<ArgoCdSettings, 'repoURL' | 'project' | 'generateProject'> = {
  targetRevision: 'HEAD',
  path: 'dist',
  namespace: DEFAULTS.argocdNamespace,
  mode: 'applicationset',
};

/**
 * `gitops.argocd` of the spec with defaults applied, or undefined when the spec has none. Without a
 * `project`, the Applications use the AppProject the package generates (`objectNames().argoCdProject`).
 */
export function argoCdSettings(spec: Pick<PlatformSpec, 'gitops' | 'name' | 'secrets'>): ArgoCdSettings | undefined {
  const argocd = spec.gitops?.argocd;
  if (!argocd) return undefined;
  return { ...ARGOCD_DEFAULTS, ...argocd, project: argocd.project ?? objectNames(spec).argoCdProject, generateProject: argocd.project === undefined };
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
  });
  return [target(spec.proxy.namespace, 'proxy'), ...spec.tenants.map(t => target(t.namespace, 'tenant'))];
}

/** Longest DNS label; Argo CD also copies the Application name into a label value (same limit). */
const MAX_NAME_LENGTH = Math.min(DNS1123_LABEL.maxLength, LABEL_VALUE.maxLength);

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
  /**
   * The platform spec; `gitops.argocd` must be set. Its proxy and `tenants` are the namespaces Argo CD
   * applies, read when the manifest is rendered, so tenants added to the list later are applied too
   * (in `applications` mode each also needs `addNamespace`, which `SparkPlatform.addTenant` calls).
   */
  readonly spec: PlatformSpec;
  /**
   * The charts whose files the Applications apply: the kinds of their objects make the AppProject's
   * whitelists (read when the manifest is rendered). @default - none yet; add them with `addNamespace`
   */
  readonly applied?: readonly IConstruct[];
}

/** An API group and kind, as AppProject whitelists list them (`""` is the core group). */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/**
 * Argo CD objects that apply the committed `dist/`: one ApplicationSet (list generator, one element
 * per namespace) or one Application per namespace, each applying exactly its namespace's file. Its
 * own file, `<argocd namespace>.k8s.yaml`, is never among them: it is applied once by hand (or by an
 * app-of-apps), and it holds no Namespace object because Argo CD's namespace belongs to Argo CD.
 */
export class ArgoCdApplications extends NamespaceChart {
  /** `gitops.argocd` with defaults applied. */
  public readonly settings: ArgoCdSettings;
  /** The generated AppProject, unless the spec names a project of its own. */
  public readonly project?: argo.AppProject;

  private readonly spec: PlatformSpec;
  private readonly applied: IConstruct[];
  /** Namespaces that have an Application (`applications` mode). */
  private readonly applications = new Set<string>();

  constructor(scope: Construct, id: string, props: ArgoCdApplicationsProps) {
    const { spec } = props;
    const settings = argoCdSettings(spec);
    if (!settings) throw new Error('ArgoCdApplications needs gitops.argocd in the spec');
    super(scope, id, { spec, namespace: settings.namespace, role: 'gitops', createNamespace: false });
    this.settings = settings;
    this.spec = spec;
    this.applied = [...(props.applied ?? [])];
    const clash = argoCdNamespaceClash(spec);
    if (clash) throw new Error(`gitops.argocd.namespace "${clash.namespace}" is also ${clash.owner}; Argo CD needs a namespace of its own`);

    const labels = commonLabels(spec, 'gitops');
    if (settings.generateProject) {
      const kinds = () => emittedKinds(this.applied);
      this.project = new argo.AppProject(this, 'AppProject', {
        metadata: { name: settings.project, namespace: settings.namespace, labels },
        spec: {
          description: `${spec.name}: the platform's namespaces and the kinds spark-tenancy emits, nothing else`,
          sourceRepos: [settings.repoURL],
          destinations: Lazy.any({ produce: () => this.targets.map(t => ({ server: IN_CLUSTER_SERVER, namespace: t.namespace })) }),
          clusterResourceWhitelist: Lazy.any({ produce: () => kinds().filter(k => CLUSTER_SCOPED_KINDS.has(k.kind)) }),
          namespaceResourceWhitelist: Lazy.any({ produce: () => kinds().filter(k => !CLUSTER_SCOPED_KINDS.has(k.kind)) }),
        },
      });
    }
    if (settings.mode === 'applications') {
      for (const target of this.targets) this.addApplication(target);
      // The ApplicationSet follows the spec's tenants by itself; Applications are made one by one.
      this.node.addValidation({
        validate: () =>
          this.targets
            .filter(t => !this.applications.has(t.namespace))
            .map(t => `namespace ${t.namespace} has no Argo CD Application; call addNamespace for its chart (SparkPlatform.addTenant does)`),
      });
      return;
    }

    // A list generator rather than a git files generator: the elements come from the spec and show up
    // in the reviewed diff of this file, nothing depends on how Argo CD reads manifests as parameter
    // files, and this file can never select itself. The template is the Application above, with
    // placeholders. preserveResourcesOnDeletion: without it the controller adds the resources finalizer
    // to every Application it generates, so removing a tenant's element, or the ApplicationSet, would
    // delete everything that Application applied.
    new argo.ApplicationSet(this, 'ApplicationSet', {
      metadata: { name: spec.name, namespace: settings.namespace, labels },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [
          {
            list: {
              elements: Lazy.any({ produce: () => this.targets.map(t => ({ name: t.applicationName, namespace: t.namespace, file: t.file, role: t.role })) }),
            },
          },
        ],
        syncPolicy: { preserveResourcesOnDeletion: true },
        template: {
          metadata: {
            name: '{{.name}}',
            labels: { ...labels, ...targetLabels('{{.namespace}}', '{{.role}}') },
          },
          spec: applicationSpec(settings, '{{.namespace}}', '{{.file}}'),
        },
      },
    });
  }

  /** What Argo CD applies, in order: the proxy's file, then the tenants' (as the spec lists them now). */
  public get targets(): readonly ArgoCdTarget[] {
    return argoCdTargets(this.spec);
  }

  /**
   * Has Argo CD apply `chart`'s file too: its kinds join the AppProject's whitelists and, in
   * `applications` mode, it gets an Application (its namespace must be among `targets`). Returns the
   * Application, if one was made.
   */
  public addNamespace(chart: NamespaceChart): argo.Application | undefined {
    this.applied.push(chart);
    if (this.settings.mode !== 'applications' || this.applications.has(chart.namespaceName)) return undefined;
    const target = this.targets.find(t => t.namespace === chart.namespaceName);
    if (!target) throw new Error(`Argo CD cannot apply ${chart.namespaceName}: it is neither the proxy namespace nor a tenant of the spec`);
    return this.addApplication(target);
  }

  private addApplication(target: ArgoCdTarget): argo.Application {
    this.applications.add(target.namespace);
    return new argo.Application(this, `Application-${target.namespace}`, {
      metadata: {
        name: target.applicationName,
        namespace: this.settings.namespace,
        labels: { ...commonLabels(this.spec, 'gitops'), ...targetLabels(target.namespace, target.role) },
      },
      spec: applicationSpec(this.settings, target.namespace, target.file),
    });
  }
}

/** Every group/kind among the objects under `scopes`, sorted by group then kind. */
function emittedKinds(scopes: readonly IConstruct[]): GroupKind[] {
  const byKey = new Map<string, GroupKind>();
  for (const scope of scopes) {
    for (const object of scope.node.findAll().filter(ApiObject.isApiObject)) {
      const slash = object.apiVersion.indexOf('/');
      const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
      byKey.set(`${group}/${object.kind}`, { group, kind: object.kind });
    }
  }
  return [...byKey.values()].sort((a, b) => (a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** Labels that let Argo CD selectors (e.g. an ApplicationSet RollingSync) tell proxy and tenants apart. */
function targetLabels(namespace: string, role: string): Record<string, string> {
  return { 'spark-tenancy.dev/namespace': namespace, 'spark-tenancy.dev/role': role };
}

/**
 * An Application's spec: one namespace's file from the committed output, kept in sync automatically.
 * Typed as both an Application's and an ApplicationSet template's spec (the CRDs declare them apart).
 */
function applicationSpec(settings: ArgoCdSettings, namespace: string, file: string): argo.ApplicationSpec & argo.ApplicationSetSpecTemplateSpec {
  return {
    project: settings.project,
    source: {
      repoUrl: settings.repoURL,
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
      // FailOnSharedResource: a namespace (or any object) another Application already manages is
      // reported and left alone, instead of two Applications taking it from each other on every heal.
      syncOptions: ['CreateNamespace=false', 'ServerSideApply=true', 'FailOnSharedResource=true'],
    },
  };
}
