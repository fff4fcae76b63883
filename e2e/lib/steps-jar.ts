import * as path from 'path';
import { REPO } from './context';
import { HarnessError, run } from './processes';

let built: string | undefined;

/**
 * spark-tenancy's feature steps jar (spark-steps/build.sh --package; Maven keeps it when its sources
 * did not change), which the suite puts on the classpath of every Spark it runs, as the image puts it
 * among Spark's jars. Built once per run.
 */
export function stepsJar(): string {
  if (built !== undefined) return built;
  const result = run('bash', [path.join(REPO, 'spark-steps', 'build.sh'), '--package'], { timeout: 600_000 });
  const jar = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !jar.endsWith('.jar')) throw new HarnessError(`spark-steps/build.sh --package failed:\n${result.stderr.slice(-3000)}`);
  built = jar;
  return jar;
}
