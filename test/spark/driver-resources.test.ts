import { driverResourceProperties, driverResourcesProblem, quantityValue } from '../../src/spark/driver-resources';

describe('driver sizing from engine resources', () => {
  test('Kubernetes quantities in every suffix the schema accepts', () => {
    // GIVEN quantities as a spec writes them  THEN their value in base units
    expect(quantityValue('4Gi')).toBe(4 * 2 ** 30);
    expect(quantityValue('1536Mi')).toBe(1536 * 2 ** 20);
    expect(quantityValue('4G')).toBe(4e9);
    expect(quantityValue('500m')).toBe(0.5);
    expect(quantityValue('1.5')).toBe(1.5);
    expect(quantityValue('2x')).toBeUndefined();
  });

  test('cores: whole millicores, rounded up, at least one', () => {
    // GIVEN cpu requests that are not whole cores, or are whole cores written in millicores
    const cores = (cpu: string) => driverResourceProperties({ requests: { cpu } })['spark.driver.cores'];
    // THEN Spark's integer spark.driver.cores covers the request
    expect(cores('3000m')).toBe('3');
    expect(cores('1100m')).toBe('2');
    expect(cores('1.5')).toBe('2');
    expect(cores('100m')).toBe('1');
  });

  test('memory: the request when there is no limit; decimal units in whole MiB', () => {
    // GIVEN only a memory request of 4G (3814 MiB)
    const properties = driverResourceProperties({ requests: { memory: '4G' } });
    // THEN 381m overhead would be under Spark's minimum, so 384m, and heap is the rest
    expect(properties).toEqual({ 'spark.driver.memory': '3430m', 'spark.driver.memoryOverhead': '384m' });
  });

  test("memory that cannot hold Spark's minimum overhead is a problem; one MiB more is not", () => {
    expect(driverResourcesProblem({ limits: { memory: '384Mi' } })).toBe(
      'memory 384Mi cannot hold a Spark driver: Spark adds at least 384 MiB of overhead to the heap; give the engine more than 384Mi (e.g. 1Gi)',
    );
    expect(driverResourcesProblem({ limits: { memory: '385Mi' } })).toBeUndefined();
    expect(driverResourcesProblem(undefined)).toBeUndefined();
  });
});
