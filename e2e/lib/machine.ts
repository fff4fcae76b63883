import * as os from 'os';
import { HarnessError } from './processes';

/**
 * The machine the suite needs. The node it starts offers the machine's CPUs and memory to the jobs:
 * a proxy, an engine, a cluster-mode driver (Spark requests a whole CPU for it) and an executor at
 * once, beside etcd, the control plane and the JVMs of the stages without a node.
 */
export const MACHINE_NEEDS = { cpus: 2, memoryGiB: 8 } as const;

/** Refuses, before anything is built, on a machine smaller than MACHINE_NEEDS (it would time out later instead). */
export function requireMachine(cpus = os.availableParallelism(), memoryBytes = os.totalmem()): void {
  const memoryGiB = memoryBytes / 1024 ** 3;
  if (cpus >= MACHINE_NEEDS.cpus && memoryGiB >= MACHINE_NEEDS.memoryGiB - 0.5) return;
  throw new HarnessError(
    `this machine has ${cpus} CPU(s) and ${memoryGiB.toFixed(1)} GiB of memory; the real-cluster suite needs at least ` +
      `${MACHINE_NEEDS.cpus} CPUs and ${MACHINE_NEEDS.memoryGiB} GiB (its node runs a proxy, an engine, a driver and an executor at once)`,
  );
}
