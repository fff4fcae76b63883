import { SparkProxy } from '../../src/constructs/proxy';
import { Platform } from '../../src';
import { Json, only, smallPlatform, synthInChart } from './fixture';

function proxyObjects(platform: Platform = smallPlatform()): Json[] {
  return synthInChart(chart => new SparkProxy(chart, 'Proxy', { platform }));
}

const proxyContainer = (objects: Json[]): Json =>
  only(objects, 'Deployment', 'small-proxy').spec.template.spec.containers.find((c: Json) => c.name === 'proxy');

describe('SparkProxy', () => {
  test('a ServiceAccount and a Deployment in the proxy namespace, running the image in proxy role', () => {
    // GIVEN the small platform WHEN the proxy is built
    const objects = proxyObjects();
    // THEN there are exactly these two objects, in the proxy namespace
    expect(objects.map(o => `${o.kind}/${o.metadata.name}@${o.metadata.namespace}`)).toEqual([
      'ServiceAccount/small-proxy@small-proxy',
      'Deployment/small-proxy@small-proxy',
    ]);
    // AND the pod runs under that account, in proxy role, on the application port
    const deployment = only(objects, 'Deployment', 'small-proxy');
    expect(deployment.spec.template.spec.serviceAccountName).toBe('small-proxy');
    expect(proxyContainer(objects)).toMatchObject({ args: ['proxy'], ports: [{ name: 'http', containerPort: 8011 }] });
  });

  test("the proxy is told where to stage launches and which ConfigMap each tenant's launch configuration is in", () => {
    // GIVEN the small platform WHEN the proxy is built
    const objects = proxyObjects();
    const container = proxyContainer(objects);
    // THEN the env names the staging folder and the tenants' Spark ConfigMap
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'SPARK_TENANCY_TENANTS_DIR', value: '/opt/spark-tenancy/tenants' },
        { name: 'SPARK_TENANCY_SPARK_CONFIGMAP', value: 'small-spark' },
      ]),
    );
    // AND the staging folder is a writable emptyDir of its own
    const pod = only(objects, 'Deployment', 'small-proxy').spec.template.spec;
    expect(pod.volumes).toEqual(expect.arrayContaining([{ name: 'tenant-launch', emptyDir: {} }]));
    expect(container.volumeMounts).toEqual(expect.arrayContaining([{ name: 'tenant-launch', mountPath: '/opt/spark-tenancy/tenants' }]));
  });

  test('no tenant shapes the proxy: adding tenants leaves its objects as they were, so it is never restarted for one', () => {
    // GIVEN the small platform with one tenant, then with three
    const one = proxyObjects(smallPlatform({ tenants: [{ namespace: 'alpha' }] }));
    const three = proxyObjects(smallPlatform({ tenants: [{ namespace: 'alpha' }, { namespace: 'beta' }, { namespace: 'gamma', engine: { replicas: 2 } }] }));
    // WHEN both proxies are built THEN they are the same objects
    expect(three).toEqual(one);
  });

  test("the replica count and resources come from the spec's proxy section", () => {
    // GIVEN a proxy with two replicas and its own resources WHEN built
    const resources = { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } };
    const objects = proxyObjects(smallPlatform({ proxy: { namespace: 'small-proxy', replicas: 2, resources } }));
    // THEN the Deployment has them
    expect(only(objects, 'Deployment', 'small-proxy').spec.replicas).toBe(2);
    expect(proxyContainer(objects).resources).toEqual(resources);
  });
});
