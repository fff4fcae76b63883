import * as path from 'path';
import { printError } from '../cli/report';
import { loadPlatformFile } from '../platform-spec/loader';
import { platformApp } from '../synth/synth-platform';
import { readBaselineAtRef, readBaselineDir } from './manifest-set';
import { planChanges } from './plan';
import { synthSpecAtRef } from './spec-at-ref';
import { PLAN_FORMATS, PlanFormat, renderPlan } from './render';

const USAGE = `usage: spark-tenancy plan [--spec platform.yaml] [--dist dist] [--against GIT_REF] [--format text|markdown|json]

Synthesizes the spec in memory and compares it with the committed manifests: the dist/ folder on disk,
or dist/ as committed at GIT_REF (read with git, whatever the working tree holds). Prints the objects
that change per namespace, the workloads that roll and why, risks, drift (hand edits: with GIT_REF,
every difference between dist/ and what the spec at GIT_REF synthesizes) and sizes. Writes nothing.

  --spec FILE      the platform spec (default: $SPARK_TENANCY_SPEC, else platform.yaml)
  --dist DIR       the manifests folder (default: dist)
  --against REF    compare with DIR as committed at REF (e.g. origin/main) instead of the folder on disk
  --format F       text (default), markdown (a pull-request comment) or json (for tools)

exit codes: 0 no changes, 2 changes, 1 error (as terraform plan -detailed-exitcode: unlike the other commands, 2 means changes).
`;

interface PlanArgs {
  readonly spec: string;
  readonly dist: string;
  readonly against?: string;
  readonly format: PlanFormat;
}

/** `spark-tenancy plan`: 0 when nothing changes, 2 when something does, 1 on an error. */
export async function runPlan(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    process.stderr.write(`plan: ${args}\n${USAGE}`);
    return 1;
  }
  try {
    const platform = loadPlatformFile(args.spec, path.relative(process.cwd(), path.resolve(args.spec)) || args.spec);
    const synthesized = platformApp(platform, args.dist).synthDocuments();
    const baseline =
      args.against === undefined
        ? readBaselineDir(args.dist)
        : readBaselineAtRef(path.dirname(path.resolve(args.dist)), args.against, path.basename(path.resolve(args.dist)));
    const baselineSpec =
      args.against === undefined ? undefined : { ref: args.against, ...synthSpecAtRef(path.dirname(path.resolve(args.dist)), args.against, args.spec) };
    const plan = planChanges(platform, synthesized, baseline, baselineSpec);
    process.stdout.write(renderPlan(plan, args.format));
    return plan.changes ? 2 : 0;
  } catch (e) {
    printError(e, 'nothing was planned', 'plan failed');
    return 1;
  }
}

function parseArgs(argv: readonly string[]): PlanArgs | 'help' | string {
  let spec = process.env.SPARK_TENANCY_SPEC || 'platform.yaml';
  let dist = 'dist';
  let against: string | undefined;
  let format: PlanFormat = 'text';
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] =
      argv[i].startsWith('--') && argv[i].includes('=')
        ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)]
        : [argv[i], undefined];
    if (flag === '-h' || flag === '--help') return 'help';
    if (!['--spec', '--dist', '--against', '--format'].includes(flag)) return `unknown argument ${argv[i]}`;
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return `${flag} needs a value`;
    if (flag === '--spec') spec = value;
    else if (flag === '--dist') dist = value;
    else if (flag === '--against') against = value;
    else if (!(PLAN_FORMATS as readonly string[]).includes(value)) return `--format must be one of ${PLAN_FORMATS.join(', ')}, not ${value}`;
    else format = value as PlanFormat;
  }
  return { spec, dist, against, format };
}
