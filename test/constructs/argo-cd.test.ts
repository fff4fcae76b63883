import { ApiObject, Testing } from 'cdk8s';
import { applicationName, ArgoCdApplications } from '../../src/constructs/argo-cd';
import { NamespaceChart } from '../../src/constructs/namespace-chart';
import { PlatformSpec } from '../../src';
import { Json, only, smallSpec } from './fixture';

const REPO = 'https://git.example.com/small.git';

function argoSpec(argocd: Record<string, unknown> = {}, extra: Partial<PlatformSpec> = {}): PlatformSpec {
  return smallSpec({ gitops: { argocd: { repoURL: REPO, ...argocd } }, ...extra });
}

/** A tenant chart with one namespaced object of `kind` in `group`, as Argo CD would apply it. */
function chartWith(app: ReturnType<typeof Testing.app>, spec: PlatformSpec, namespace: string, apiVersion: string, kind: string): NamespaceChart {
  const chart = new NamespaceChart(app, namespace, { spec, namespace, role: 'tenant' });
  new ApiObject(chart, 'Object', { apiVersion, kind, metadata: { name: 'x', namespace } });
  return chart;
}

describe('ArgoCdApplications', () => {
  test('the ApplicationSet lists every namespace of the spec, read when rendered, so a tenant added later is applied too', () => {
    // GIVEN a spec whose tenants list grows after the construct is made
    const spec = argoSpec();
    const tenants = spec.tenants as { namespace: string }[];
    const argo = new ArgoCdApplications(Testing.app(), 'Argo', { spec });
    tenants.push({ namespace: 'beta' });
    // WHEN synthesized
    const objects: Json[] = Testing.synth(argo);
    // THEN the list generator has the proxy's namespace and both tenants, each with its own file
    const elements = only(objects, 'ApplicationSet', 'small').spec.generators[0].list.elements;
    expect(elements.map((e: Json) => `${e.namespace}:${e.file}:${e.role}`)).toEqual([
      'small-proxy:small-proxy.k8s.yaml:proxy',
      'alpha:alpha.k8s.yaml:tenant',
      'beta:beta.k8s.yaml:tenant',
    ]);
    // AND the generated Applications keep their objects when one is deleted
    expect(only(objects, 'ApplicationSet', 'small').spec.syncPolicy).toEqual({ preserveResourcesOnDeletion: true });
  });

  test('the AppProject whitelists exactly the kinds of the charts it applies, cluster-scoped apart', () => {
    // GIVEN two applied charts with a ConfigMap and a custom resource
    const app = Testing.app();
    const spec = argoSpec();
    const argo = new ArgoCdApplications(app, 'Argo', { spec, applied: [chartWith(app, spec, 'alpha', 'v1', 'ConfigMap')] });
    argo.addNamespace(chartWith(app, spec, 'small-proxy', 'external-secrets.io/v1', 'ExternalSecret'));
    // WHEN synthesized
    const project = only(Testing.synth(argo), 'AppProject', 'small').spec;
    // THEN the Namespace objects are the only cluster-scoped kind, and the namespaced kinds are sorted by group
    expect(project.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
    expect(project.namespaceResourceWhitelist).toEqual([
      { group: '', kind: 'ConfigMap' },
      { group: 'external-secrets.io', kind: 'ExternalSecret' },
    ]);
    expect(project.sourceRepos).toEqual([REPO]);
  });

  test("a project the spec names is Argo CD's own: no AppProject, and the Applications use it", () => {
    // GIVEN a named project WHEN synthesized
    const argo = new ArgoCdApplications(Testing.app(), 'Argo', { spec: argoSpec({ project: 'platform-team' }) });
    const objects: Json[] = Testing.synth(argo);
    // THEN there is no AppProject and the template's project is the named one
    expect(argo.project).toBeUndefined();
    expect(objects.filter(o => o.kind === 'AppProject')).toEqual([]);
    expect(only(objects, 'ApplicationSet', 'small').spec.template.spec.project).toBe('platform-team');
  });

  test('in applications mode each namespace gets an Application once, and a namespace outside the spec is refused', () => {
    // GIVEN applications mode
    const app = Testing.app();
    const spec = argoSpec({ mode: 'applications' });
    const argo = new ArgoCdApplications(app, 'Argo', { spec });
    // WHEN a spec namespace is added again THEN no second Application is made
    expect(argo.addNamespace(new NamespaceChart(app, 'alpha', { spec, namespace: 'alpha', role: 'tenant' }))).toBeUndefined();
    const applications = Testing.synth(argo).filter((o: Json) => o.kind === 'Application');
    expect(applications.map((a: Json) => `${a.metadata.name}->${a.spec.destination.namespace}:${a.spec.source.directory.include}`)).toEqual([
      'small-small-proxy->small-proxy:small-proxy.k8s.yaml',
      'small-alpha->alpha:alpha.k8s.yaml',
    ]);
    // AND a namespace that is neither the proxy's nor a tenant's is refused
    expect(() => argo.addNamespace(new NamespaceChart(app, 'other', { spec, namespace: 'other', role: 'tenant' }))).toThrow(
      /neither the proxy namespace nor a tenant/,
    );
  });

  test('a tenant listed later in applications mode without addNamespace fails validation instead of being left out', () => {
    // GIVEN applications mode and a tenant pushed into the spec after construction
    const spec = argoSpec({ mode: 'applications' });
    const argo = new ArgoCdApplications(Testing.app(), 'Argo', { spec });
    (spec.tenants as { namespace: string }[]).push({ namespace: 'beta' });
    // WHEN validated THEN the missing Application is named
    expect(argo.node.validate()).toEqual([expect.stringContaining('namespace beta has no Argo CD Application')]);
  });

  test('Application names fit a DNS label and stay distinct when shortened', () => {
    // GIVEN a long platform name and two long namespaces that differ only at the end
    const prefix = 'p'.repeat(40);
    const first = applicationName(prefix, `${'n'.repeat(60)}-a`);
    const second = applicationName(prefix, `${'n'.repeat(60)}-b`);
    // THEN both are valid DNS labels of at most 63 characters, and different
    for (const name of [first, second]) expect(name).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
    expect(first).not.toBe(second);
    // AND a short name is kept as it is
    expect(applicationName('small', 'alpha')).toBe('small-alpha');
  });
});
