import { DEFAULTS } from '../platform-spec/platform';
import { ResourcesSpec } from '../platform-spec/types';

/**
 * The Spark driver's size, derived from the engine's `resources` so that both kinds of driver get
 * what the spec says:
 *
 * - a cluster-mode driver pod (the proxy's spark-submit) is sized by BasicDriverFeatureStep from
 *   `spark.driver.memory` + `spark.driver.memoryOverhead` (request = limit), `spark.driver.cores` /
 *   `spark.kubernetes.driver.request.cores` and `spark.kubernetes.driver.limit.cores`, not from any
 *   template, and defaults to 1g + 384Mi and one core;
 * - the client-mode engine's JVM gets `-Xmx` from `spark.driver.memory` (spark-submit's launcher,
 *   SparkSubmitCommandBuilder), 1g by default, however large its container.
 *
 * The container's memory (the limit, else the request) is split into heap and overhead: overhead is
 * 10% of it, at least Spark's 384 MiB minimum, so heap + overhead is exactly the container's memory.
 */

export const DRIVER_RESOURCE_KEYS: ReadonlyMap<string, string> = new Map([
  ['spark.driver.memory', 'engine.resources (memory limit minus overhead)'],
  ['spark.driver.memoryOverhead', 'engine.resources (10% of the memory, at least 384 MiB)'],
  ['spark.driver.cores', 'engine.resources (cpu request, rounded up)'],
  ['spark.kubernetes.driver.request.cores', 'engine.resources (cpu request)'],
  ['spark.kubernetes.driver.limit.cores', 'engine.resources (cpu limit)'],
]);

/** Spark's smallest memory overhead (ResourceProfile.MEMORY_OVERHEAD_MIN_MIB). */
export const MIN_OVERHEAD_MIB = 384;
const OVERHEAD_FRACTION = 0.1;

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, m: 1e-3 };
const QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** A Kubernetes quantity as a number of base units (bytes, cores); undefined if it is not one. */
export function quantityValue(quantity: string): number | undefined {
  const match = QUANTITY.exec(quantity);
  if (!match) return undefined;
  const [, digits, suffix = ''] = match;
  const factor = BINARY[suffix] ?? DECIMAL[suffix];
  return Number(digits) * factor;
}

/** Why the resources cannot size a driver, or undefined. */
export function driverResourcesProblem(resources: ResourcesSpec | undefined): string | undefined {
  const memory = containerMemory(resources);
  if (memory === undefined) return undefined;
  const mib = Math.floor(quantityValue(memory)! / 2 ** 20);
  if (mib - overheadMiB(mib) < 1) {
    return (
      `memory ${memory} cannot hold a Spark driver: Spark adds at least ${MIN_OVERHEAD_MIB} MiB of overhead to the heap; ` +
      `give the engine more than ${MIN_OVERHEAD_MIB}Mi (e.g. 1Gi)`
    );
  }
  return undefined;
}

/** The driver properties for the engine's resources (the package's defaults when the spec names none). */
export function driverResourceProperties(resources: ResourcesSpec | undefined): Record<string, string> {
  const chosen: ResourcesSpec = resources ?? DEFAULTS.resources;
  const properties: Record<string, string> = {};
  const memory = containerMemory(chosen);
  if (memory !== undefined) {
    const mib = Math.floor(quantityValue(memory)! / 2 ** 20);
    const overhead = overheadMiB(mib);
    properties['spark.driver.memory'] = `${mib - overhead}m`;
    properties['spark.driver.memoryOverhead'] = `${overhead}m`;
  }
  const cpuRequest = chosen.requests?.cpu ?? chosen.limits?.cpu;
  if (cpuRequest !== undefined) {
    // In whole millicores first: 3000m is 3.0000000000000004 cores as a float.
    const millicores = Math.round(quantityValue(cpuRequest)! * 1000);
    properties['spark.driver.cores'] = String(Math.max(1, Math.ceil(millicores / 1000)));
    properties['spark.kubernetes.driver.request.cores'] = cpuRequest;
  }
  if (chosen.limits?.cpu !== undefined) properties['spark.kubernetes.driver.limit.cores'] = chosen.limits.cpu;
  return properties;
}

function containerMemory(resources: ResourcesSpec | undefined): string | undefined {
  return resources?.limits?.memory ?? resources?.requests?.memory;
}

function overheadMiB(containerMiB: number): number {
  return Math.max(MIN_OVERHEAD_MIB, Math.floor(containerMiB * OVERHEAD_FRACTION));
}
