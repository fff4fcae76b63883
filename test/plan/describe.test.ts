import { describeObjects } from '../../src/plan/describe';

describe('describeObjects', () => {
  test('lists a few objects one by one and folds many alike changes into one counted line', () => {
    // GIVEN a proxy namespace where one ConfigMap per tenant changes in the same field, and two other objects change
    const perTenant = Array.from({ length: 5 }, (_, i) => ({ object: `ConfigMap p/spark-t${i}`, fields: ['data[executor-template.yaml]'] }));
    const change = {
      namespace: 'p',
      status: 'changed' as const,
      added: ['Service p/new'],
      removed: [],
      bytesBefore: 0,
      bytesAfter: 0,
      changed: [{ object: 'ConfigMap p/files', fields: ['data[krb5.conf]'] }, ...perTenant, { object: 'Deployment p/proxy', fields: ['spec.template'] }],
    };
    // WHEN described
    const lines = describeObjects(change);
    // THEN the five alike ConfigMaps are one line with their count, the rest one line each
    expect(lines).toEqual([
      '+ Service p/new',
      '~ ConfigMap p/files (data[krb5.conf])',
      '~ 5 ConfigMap (data[executor-template.yaml]): p/spark-t0, p/spark-t1, p/spark-t2 and 2 more',
      '~ Deployment p/proxy (spec.template)',
    ]);
  });
});
