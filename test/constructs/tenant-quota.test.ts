import * as fs from 'fs';
import * as path from 'path';
import { loadPlatformFile } from '../../src';
import { loadPlatformText } from '../../src/platform-spec/loader';
import { tenantDemand } from '../../src/pod/tenant-demand';
import { executorSize, sparkMiB } from '../../src/spark/executor-resources';
import { findObject, parseManifest, synthNamespaces } from '../../src/testing';

/** The library tests' own copy of the example platform (the root platform.yaml is the user's to edit). */
const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'example');
const platform = loadPlatformFile(path.join(EXAMPLE, 'platform.yaml'));
const manifests = synthNamespaces(platform);
type Json = Record<string, any>;
const objectOf = (ns: string, kind: string, name: string): Json => findObject(parseManifest(manifests.get(ns)!), kind, name) as Json;

/** The example spec with its `quota:` section replaced by `quota` (YAML), or removed. */
function exampleWithQuota(quota: string | undefined) {
  const text = fs.readFileSync(path.join(EXAMPLE, 'platform.yaml'), 'utf8');
  const start = text.indexOf('\nquota:\n');
  const end = text.indexOf('\n\n', start + 1);
  expect(start).toBeGreaterThan(0);
  const replaced = text.slice(0, start + 1) + (quota ?? '') + text.slice(end + 1);
  return loadPlatformText(replaced.replace(/\n {4}quota: \{ hard: .*\n/, '\n'), { file: 'platform.yaml', baseDir: EXAMPLE });
}

describe('TenantQuota', () => {
  test('each tenant namespace gets the platform quota plus the package defaults, and the proxy namespace none', () => {
    // GIVEN the example spec (team-a inherits the platform's quota)
    // WHEN synthesized
    const quota = objectOf('team-a', 'ResourceQuota', 'my-project-quota');
    // THEN the quota holds the platform's keys and forbids load balancers and node ports
    expect(quota.spec.hard).toEqual({
      'limits.cpu': '16',
      'limits.memory': '24Gi',
      persistentvolumeclaims: '4',
      pods: '10',
      'requests.cpu': '8',
      'requests.memory': '16Gi',
      'requests.storage': '100Gi',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
    // AND the proxy namespace has no quota
    expect(parseManifest(manifests.get('my-project')!).filter(o => o.kind === 'ResourceQuota' || o.kind === 'LimitRange')).toEqual([]);
  });

  test("a tenant's quota replaces the platform's key by key", () => {
    // GIVEN team-b overriding cpu, memory and pods WHEN synthesized
    const hard = objectOf('team-b', 'ResourceQuota', 'my-project-quota').spec.hard;
    // THEN its own keys win and the platform's others stay
    expect(hard).toMatchObject({
      'requests.cpu': '24',
      'requests.memory': '48Gi',
      'limits.cpu': '40',
      'limits.memory': '64Gi',
      pods: '16',
      'requests.storage': '100Gi',
      'services.nodeports': '0',
    });
  });

  test("with limits.cpu in the quota, the LimitRange gives containers without a cpu limit the largest cpu request (the executors' cores)", () => {
    // GIVEN the example (limits.cpu quota, spark.executor.cores 2, no spark.kubernetes.executor.limit.cores)
    const limits = objectOf('team-a', 'LimitRange', 'my-project-limits').spec.limits;
    // THEN the container default cpu limit is 2 and the rest is the package's defaults and the spec's max
    expect(limits).toEqual([
      {
        type: 'Container',
        default: { cpu: '2', memory: '2Gi' },
        defaultRequest: { cpu: '500m', memory: '1Gi' },
        max: { cpu: '4', memory: '16Gi' },
      },
    ]);
  });

  test('without limits.cpu in the quota, containers get no default cpu limit (Spark executors stay unthrottled)', () => {
    // GIVEN the example without a quota section and without team-b's override
    const plain = exampleWithQuota(undefined);
    // WHEN synthesized
    const objects = parseManifest(synthNamespaces(plain).get('team-a')!);
    // THEN the quota is the package's default alone and the LimitRange sets no cpu limit
    expect((findObject(objects, 'ResourceQuota', 'my-project-quota') as Json).spec.hard).toEqual({ 'services.loadbalancers': '0', 'services.nodeports': '0' });
    expect((findObject(objects, 'LimitRange', 'my-project-limits') as Json).spec.limits).toEqual([
      {
        type: 'Container',
        default: { memory: '2Gi' },
        defaultRequest: { cpu: '500m', memory: '1Gi' },
      },
    ]);
  });

  test("the example's quotas hold each tenant's engine and executors as Spark sizes them", () => {
    // GIVEN team-b: engine requests 2 cpu / 4Gi, limit 8Gi; 8 executors of 2 cores and 4g
    const tenant = platform.spec.tenants.find(t => t.namespace === 'team-b')!;
    // WHEN its demand is computed
    const demand = tenantDemand(platform.spec, tenant);
    // THEN each executor is 4g + max(384Mi, 10%) = 4505Mi, cpu 2 with the LimitRange's cpu limit 2
    expect(demand.executor).toMatchObject({ instances: 8, heapMiB: 4096, overheadMiB: 409, memoryMiB: 4505, cpuRequestMillis: 2000 });
    expect(demand.executorPod).toEqual({ 'requests.cpu': 2000, 'requests.memory': 4505 * 2 ** 20, 'limits.cpu': 2000, 'limits.memory': 4505 * 2 ** 20 });
    // AND the totals are what the quota must hold (and does: 24 cpu, 48Gi, 40 cpu, 64Gi, 16 pods)
    expect(demand.total).toEqual({
      'requests.cpu': 2000 + 8 * 2000,
      'requests.memory': (4096 + 8 * 4505) * 2 ** 20,
      'limits.cpu': 2000 + 8 * 2000,
      'limits.memory': (8192 + 8 * 4505) * 2 ** 20,
      pods: 9,
    });
  });
});

describe('executorSize', () => {
  test("Spark's memory overhead: max(384 MiB, 10%), a factor, or spark.executor.memoryOverhead as given", () => {
    expect(executorSize({})).toMatchObject({ instances: 2, heapMiB: 1024, overheadMiB: 384, cpuRequestMillis: 1000 });
    expect(executorSize({ 'spark.executor.memory': '10g' })).toMatchObject({ overheadMiB: 1024, memoryMiB: 11264 });
    expect(executorSize({ 'spark.executor.memory': '10g', 'spark.executor.memoryOverheadFactor': '0.2' })).toMatchObject({ overheadMiB: 2048 });
    expect(executorSize({ 'spark.executor.memory': '2048', 'spark.executor.memoryOverhead': '1g' })).toMatchObject({ heapMiB: 2048, overheadMiB: 1024 });
    expect(
      executorSize({ 'spark.executor.cores': '4', 'spark.kubernetes.executor.request.cores': '500m', 'spark.kubernetes.executor.limit.cores': '1.5' }),
    ).toMatchObject({ cpuRequestMillis: 500, cpuLimitMillis: 1500 });
  });

  test('values Spark could not read give no size (the quota check then stays silent instead of guessing)', () => {
    expect(executorSize({ 'spark.executor.memory': 'lots' })).toBeUndefined();
    expect(executorSize({ 'spark.executor.instances': '-1' })).toBeUndefined();
    expect(sparkMiB('512k')).toBe(0);
    expect(sparkMiB('1t')).toBe(1024 * 1024);
  });
});
