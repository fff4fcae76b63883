import { Testing } from 'cdk8s';
import { KEEP_NAMESPACE_ANNOTATIONS, NamespaceChart } from '../../src/constructs/namespace-chart';
import { smallSpec } from './fixture';

describe('NamespaceChart', () => {
  test('the Namespace carries the platform, its role, Pod Security labels, and survives a cascading Argo CD delete', () => {
    // GIVEN a chart with a label and an annotation of its own
    const chart = new NamespaceChart(Testing.app(), 'Chart', {
      spec: smallSpec(),
      namespace: 'alpha',
      role: 'tenant',
      labels: { team: 'alpha' },
      annotations: { owner: 'data' },
    });
    // WHEN synthesized
    const [namespace] = Testing.synth(chart);
    // THEN the Namespace is cluster-scoped and labelled for the package and for admission
    expect(namespace.kind).toBe('Namespace');
    expect(namespace.metadata.namespace).toBeUndefined();
    expect(namespace.metadata.labels).toMatchObject({
      'spark-tenancy.dev/platform': 'small',
      'spark-tenancy.dev/role': 'tenant',
      'pod-security.kubernetes.io/enforce': 'restricted',
      team: 'alpha',
    });
    // AND Argo CD leaves it in place when an Application is deleted with cascade
    expect(namespace.metadata.annotations).toEqual({ owner: 'data', ...KEEP_NAMESPACE_ANNOTATIONS });
    expect(chart.namespaceName).toBe('alpha');
  });

  test("a caller's annotation cannot switch off the keep-on-delete option", () => {
    // GIVEN a chart whose annotations try to allow deleting the Namespace WHEN synthesized
    const chart = new NamespaceChart(Testing.app(), 'Chart', {
      spec: smallSpec(),
      namespace: 'alpha',
      role: 'tenant',
      annotations: { 'argocd.argoproj.io/sync-options': 'Delete=true' },
    });
    // THEN the package's option wins
    expect(Testing.synth(chart)[0].metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Delete=false');
  });

  test('for a namespace someone else owns, no Namespace object; and charts are recognised by brand, not by class identity', () => {
    // GIVEN a chart told not to create its Namespace WHEN synthesized THEN it is empty
    const chart = new NamespaceChart(Testing.app(), 'Chart', { spec: smallSpec(), namespace: 'argocd', role: 'gitops', createNamespace: false });
    expect(Testing.synth(chart)).toEqual([]);
    // AND it is a NamespaceChart, while a plain chart or object is not
    expect(NamespaceChart.isNamespaceChart(chart)).toBe(true);
    expect(NamespaceChart.isNamespaceChart(Testing.chart())).toBe(false);
    expect(NamespaceChart.isNamespaceChart({ namespaceName: 'alpha' })).toBe(false);
  });
});
