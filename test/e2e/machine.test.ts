import { MACHINE_NEEDS, requireMachine } from '../../e2e/lib/machine';

const GiB = 1024 ** 3;

describe('the real-cluster suite states the machine it needs', () => {
  test("a machine of 2 CPUs and 24 GiB (CI's) is enough", () => {
    expect(() => requireMachine(2, 24 * GiB)).not.toThrow();
  });

  test('too few CPUs or too little memory is refused up front, with what it has and what it needs', () => {
    // GIVEN one CPU, or 4 GiB WHEN checked THEN refused, naming both figures (before anything is built)
    expect(() => requireMachine(1, 24 * GiB)).toThrow(
      `this machine has 1 CPU(s) and 24.0 GiB of memory; the real-cluster suite needs at least ${MACHINE_NEEDS.cpus} CPUs and ${MACHINE_NEEDS.memoryGiB} GiB`,
    );
    expect(() => requireMachine(2, 4 * GiB)).toThrow('this machine has 2 CPU(s) and 4.0 GiB of memory');
  });
});
