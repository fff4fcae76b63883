import { runPlan } from '../../src/plan/cli';
import { Plan } from '../../src/plan/plan';

/** Runs `plan` as the command line does and captures what it prints. */
export async function plan(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await runPlan(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** The JSON plan for a fixture folder. */
export async function jsonPlan(spec: string, dist: string, extra: readonly string[] = []): Promise<{ code: number; plan: Plan }> {
  const result = await plan(['--spec', spec, '--dist', dist, '--format', 'json', ...extra]);
  if (result.code === 1) throw new Error(`plan failed: ${result.stderr}`);
  return { code: result.code, plan: JSON.parse(result.stdout) as Plan };
}
