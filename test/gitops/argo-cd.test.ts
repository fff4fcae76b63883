import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { applicationName, ARGOCD_DEFAULTS, IN_CLUSTER_SERVER } from '../../src/constructs/argo-cd';
import { resolvePlatform } from '../../src/platform-spec/loader';
import { ArgoCdSpec, PlatformSpec } from '../../src/platform-spec/types';
import { ManifestObject, parseManifest, synthNamespaces } from '../../src/testing';
import { formatViolation, validateDocuments } from '../../src/validate';

/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE_DIR = path.join(__dirname, '..', 'fixtures', 'example');
const EXAMPLE: PlatformSpec = parse(fs.readFileSync(path.join(EXAMPLE_DIR, 'platform.yaml'), 'utf8'));
const REPO_URL = 'https://git.example.com/platform/my-project.git';
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The example platform with `gitops.argocd`, synthesized in memory: namespace → YAML. */
function synthWithArgoCd(argocd: Partial<ArgoCdSpec>, change: (spec: PlatformSpec) => PlatformSpec = s => s): Map<string, string> {
  const spec = change({ ...EXAMPLE, gitops: { argocd: { repoURL: REPO_URL, ...argocd } } });
  return synthNamespaces(resolvePlatform(spec, { baseDir: EXAMPLE_DIR }));
}

/** Replaces `{{.key}}` placeholders the way Argo CD's Go template does for these plain string values. */
function expandTemplate(template: unknown, element: Record<string, string>): unknown {
  return JSON.parse(
    JSON.stringify(template).replace(/\{\{\.(\w+)\}\}/g, (_, key: string) => {
      if (!(key in element)) throw new Error(`missingkey=error: ${key}`);
      return element[key];
    }),
  );
}

interface ApplicationSpec {
  readonly project: string;
  readonly source: { readonly repoURL: string; readonly targetRevision: string; readonly path: string; readonly directory: { readonly include: string } };
  readonly destination: { readonly server: string; readonly namespace: string };
  readonly syncPolicy: unknown;
}
interface ApplicationSetSpec {
  readonly generators: Array<{ readonly list: { readonly elements: Array<Record<string, string>> } }>;
  readonly template: object;
}
const specOf = (application: ManifestObject) => application.spec as ApplicationSpec;
const elementsOf = (applicationSet: ManifestObject) => (applicationSet.spec as ApplicationSetSpec).generators[0].list.elements;

/** Argo CD's cascade-deletion finalizer. */
const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/**
 * What an ApplicationSet generates: one Application per list element, in its namespace. Like the
 * controller (applicationset/utils RenderTemplateParams), it adds the resources finalizer when the
 * template has no finalizers and `syncPolicy.preserveResourcesOnDeletion` is not true.
 */
function generatedApplications(applicationSet: ManifestObject): ManifestObject[] {
  const { template, syncPolicy } = applicationSet.spec as ApplicationSetSpec & { syncPolicy?: { preserveResourcesOnDeletion?: boolean } };
  return elementsOf(applicationSet).map(element => {
    const { metadata, spec } = expandTemplate(template, element) as { metadata: ManifestObject['metadata'] & { finalizers?: string[] }; spec: object };
    const finalizers = metadata.finalizers?.length || syncPolicy?.preserveResourcesOnDeletion === true ? metadata.finalizers : [RESOURCES_FINALIZER];
    return {
      apiVersion: applicationSet.apiVersion,
      kind: 'Application',
      metadata: { ...metadata, namespace: applicationSet.metadata.namespace, ...(finalizers ? { finalizers } : {}) },
      spec,
    } as ManifestObject;
  });
}

/** The Applications Argo CD ends up with, whichever mode wrote them. */
function applicationsOf(manifests: Map<string, string>, argoNamespace = 'argocd'): ManifestObject[] {
  const objects = parseManifest(manifests.get(argoNamespace)!);
  return objects.flatMap(o => (o.kind === 'ApplicationSet' ? generatedApplications(o) : o.kind === 'Application' ? [o] : []));
}

describe('Argo CD', () => {
  test.each(['applicationset', 'applications'] as const)('%s: one Application per namespace file, each applying exactly that file', mode => {
    // GIVEN the example platform with gitops.argocd in this mode
    // WHEN it is synthesized
    const manifests = synthWithArgoCd({ mode });

    // THEN argocd.k8s.yaml sits beside the namespaces' files, without a Namespace object of its own
    const namespaceFiles = [...manifests.keys()].filter(ns => ns !== 'argocd');
    expect(namespaceFiles).toEqual(['my-project', 'team-a', 'team-b', 'team-c']);
    const argoObjects = parseManifest(manifests.get('argocd')!);
    expect(argoObjects.map(o => o.kind)).toEqual(['AppProject', ...(mode === 'applicationset' ? ['ApplicationSet'] : Array(4).fill('Application'))]);
    expect(argoObjects.every(o => o.metadata.namespace === 'argocd')).toBe(true);

    // AND the Applications (generated, for an ApplicationSet) cover every namespace file once, never argocd's own
    const applications = applicationsOf(manifests);
    expect(applications.map(a => specOf(a).source.directory.include)).toEqual(namespaceFiles.map(ns => `${ns}.k8s.yaml`));
    for (const application of applications) {
      const spec = specOf(application);
      expect(application.metadata.name).toMatch(DNS_LABEL);
      expect(spec.source.directory.include).not.toBe('argocd.k8s.yaml');
      expect(spec.destination).toEqual({ server: IN_CLUSTER_SERVER, namespace: spec.source.directory.include.replace('.k8s.yaml', '') });
      expect(spec.source).toMatchObject({ repoURL: REPO_URL, targetRevision: 'HEAD', path: 'dist' });
      expect(spec.project).toBe('my-project');
      expect(spec.syncPolicy).toEqual({
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=false', 'ServerSideApply=true', 'FailOnSharedResource=true'],
      });
    }
    expect(new Set(applications.map(a => a.metadata.name)).size).toBe(applications.length);
  });

  test('both modes describe the same Applications', () => {
    // GIVEN the same platform in each mode
    // WHEN the ApplicationSet's template is expanded for each element
    // THEN it yields exactly the Applications that "applications" mode writes
    expect(applicationsOf(synthWithArgoCd({ mode: 'applicationset' }))).toEqual(applicationsOf(synthWithArgoCd({ mode: 'applications' })));
  });

  test.each(['applicationset', 'applications'] as const)('%s: a new tenant is one more element or Application, nothing else changes', mode => {
    // GIVEN the platform, and the same platform with one more tenant
    const before = synthWithArgoCd({ mode });
    const after = synthWithArgoCd({ mode }, spec => ({ ...spec, tenants: [...spec.tenants, { namespace: 'team-d' }] }));

    // WHEN the Argo CD files are compared
    const beforeApps = applicationsOf(before);
    const afterApps = applicationsOf(after);

    // THEN exactly one Application is added, for team-d, and the others are unchanged
    expect(afterApps).toHaveLength(beforeApps.length + 1);
    expect(afterApps.slice(0, beforeApps.length)).toEqual(beforeApps);
    expect(specOf(afterApps[afterApps.length - 1]).destination.namespace).toBe('team-d');
    // AND the AppProject allows one more destination
    const destinations = (manifests: Map<string, string>) => (parseManifest(manifests.get('argocd')!)[0].spec as { destinations: object[] }).destinations;
    expect(destinations(after)).toEqual([...destinations(before), { server: IN_CLUSTER_SERVER, namespace: 'team-d' }]);
    if (mode === 'applicationset') {
      const elements = (manifests: Map<string, string>) => elementsOf(parseManifest(manifests.get('argocd')!)[1]);
      expect(elements(after)).toEqual([
        ...elements(before),
        {
          name: 'my-project-team-d',
          namespace: 'team-d',
          file: 'team-d.k8s.yaml',
          role: 'tenant',
        },
      ]);
    }
  });

  test("every field of gitops.argocd reaches the objects; the file is named after Argo CD's namespace", () => {
    // GIVEN gitops.argocd with every optional field set
    const manifests = synthWithArgoCd({ mode: 'applications', targetRevision: 'release-1', path: 'deploy/dist', project: 'spark', namespace: 'gitops' });

    // WHEN it is synthesized
    // THEN the file is gitops.k8s.yaml and the Applications carry the values
    expect(manifests.has('argocd')).toBe(false);
    const applications = applicationsOf(manifests, 'gitops');
    expect(applications.every(a => a.metadata.namespace === 'gitops')).toBe(true);
    expect(specOf(applications[0]).source).toMatchObject({ targetRevision: 'release-1', path: 'deploy/dist' });
    expect(specOf(applications[0]).project).toBe('spark');
    expect(ARGOCD_DEFAULTS).toEqual({ targetRevision: 'HEAD', path: 'dist', namespace: 'argocd', mode: 'applicationset' });
    // AND a project the spec names is Argo CD's own: no AppProject is generated for it
    expect(parseManifest(manifests.get('gitops')!).filter(o => o.kind === 'AppProject')).toEqual([]);
  });

  test.each(['applicationset', 'applications'] as const)(
    '%s: removing a tenant or the Argo CD objects deletes nothing: no Application carries the resources finalizer',
    mode => {
      // GIVEN the Argo CD file of either mode
      const manifests = synthWithArgoCd({ mode });
      // WHEN Argo CD makes the Applications (the ApplicationSet controller adds the finalizer unless told not to)
      const applications = applicationsOf(manifests);
      // THEN none has a finalizer, so deleting one (a tenant's element removed, or the ApplicationSet) leaves its objects
      expect(applications.map(a => a.metadata.finalizers)).toEqual(applications.map(() => undefined));
      if (mode === 'applicationset') {
        expect((parseManifest(manifests.get('argocd')!)[1].spec as Record<string, unknown>).syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
      }
    },
  );

  test('every Namespace survives a cascading delete (Delete=false), and nothing carries a sync wave', () => {
    // GIVEN the example's files
    const objects = [...synthWithArgoCd({}).values()].flatMap(parseManifest);
    // THEN each Namespace object is annotated for Argo CD to leave it on cascade deletion
    const namespaces = objects.filter(o => o.kind === 'Namespace');
    expect(namespaces.map(n => n.metadata.name)).toEqual(['my-project', 'team-a', 'team-b', 'team-c']);
    for (const namespace of namespaces)
      expect((namespace.metadata.annotations as Record<string, string>)['argocd.argoproj.io/sync-options']).toBe('Delete=false');
    // AND no object or template says sync-wave: between Applications it orders nothing without an app-of-apps
    expect(JSON.stringify(objects)).not.toContain('sync-wave');
  });

  test("the generated AppProject allows the platform's namespaces, its repository and exactly the kinds the files hold", () => {
    // GIVEN the example (with an ExternalSecret) and a variant with plaintext Secrets instead
    const variants: [string, (s: PlatformSpec) => PlatformSpec][] = [
      ['ExternalSecret', s => s],
      ['Secret', s => ({ ...s, secrets: undefined, allowPlaintextSecrets: true })],
    ];
    for (const [secretKind, change] of variants) {
      const manifests = synthWithArgoCd({}, change);
      const project = parseManifest(manifests.get('argocd')!).find(o => o.kind === 'AppProject')!;
      const applied = [...manifests].filter(([ns]) => ns !== 'argocd').flatMap(([, yaml]) => parseManifest(yaml));
      const groupKinds = (objects: ManifestObject[]) =>
        [...new Set(objects.map(o => `${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}/${o.kind}`))].sort();
      const spec = project.spec as Record<string, Array<Record<string, string>>>;
      // THEN it is the Applications' project, limited to the in-cluster destinations of the platform's namespaces
      expect(project.metadata).toMatchObject({ name: 'my-project', namespace: 'argocd' });
      expect(applicationsOf(manifests).map(a => specOf(a).project)).toEqual(Array(4).fill('my-project'));
      expect(spec.sourceRepos).toEqual([REPO_URL]);
      expect(spec.destinations).toEqual(['my-project', 'team-a', 'team-b', 'team-c'].map(namespace => ({ server: IN_CLUSTER_SERVER, namespace })));
      // AND the only cluster-scoped kind is Namespace, and the namespaced kinds are exactly those the files hold
      expect(spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
      expect(spec.namespaceResourceWhitelist.map(k => `${k.group}/${k.kind}`)).toEqual(groupKinds(applied.filter(o => o.kind !== 'Namespace')));
      expect(spec.namespaceResourceWhitelist.filter(k => /Secret$/.test(k.kind)).map(k => k.kind)).toEqual([secretKind]);
    }
  });

  test.each(['applicationset', 'applications'] as const)("%s: the package's own validator accepts the Argo CD file", mode => {
    // GIVEN the Argo CD file of either mode
    const yaml = synthWithArgoCd({ mode }).get('argocd')!;
    // WHEN it goes through the offline validator used for dist/
    // THEN it reports nothing
    expect(validateDocuments('argocd.k8s.yaml', parseManifest(yaml)).map(formatViolation)).toEqual([]);
  });

  test("Argo CD's namespace may not be one of the platform's", () => {
    // GIVEN gitops.argocd.namespace equal to a tenant's namespace
    // WHEN it is synthesized
    // THEN synth fails, naming the clash
    expect(() => synthWithArgoCd({ namespace: 'team-b' })).toThrow(
      /gitops\.argocd\.namespace: Argo CD's namespace "team-b" is also a tenant namespace; set gitops\.argocd\.namespace to the namespace Argo CD runs in/,
    );
  });

  test('without gitops.argocd there is no Argo CD file', () => {
    // GIVEN the example without gitops WHEN it is synthesized THEN only the namespaces' files are written
    const { gitops: _, ...withoutGitops } = EXAMPLE;
    const manifests = synthNamespaces(resolvePlatform(withoutGitops, { baseDir: EXAMPLE_DIR }));
    expect([...manifests.keys()]).toEqual(['my-project', 'team-a', 'team-b', 'team-c']);
  });

  test('Application names stay DNS labels and distinct when prefix and namespace are at their longest', () => {
    // GIVEN a 40-character platform name and two 63-character namespaces that differ only at the end
    const prefix = 'p'.repeat(40);
    const namespaceA = `${'n'.repeat(62)}a`;
    const namespaceB = `${'n'.repeat(62)}b`;
    // WHEN their Application names are made
    const names = [applicationName(prefix, namespaceA), applicationName(prefix, namespaceB)];
    // THEN both are DNS labels of at most 63 characters, and different
    for (const name of names) {
      expect(name).toMatch(DNS_LABEL);
      expect(name.length).toBeLessThanOrEqual(63);
    }
    expect(names[0]).not.toBe(names[1]);
    expect(applicationName('my-project', 'team-a')).toBe('my-project-team-a');
  });
});
