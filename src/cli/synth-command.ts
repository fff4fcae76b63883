import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { MANIFEST_SUFFIX } from '../synth/dist-writer';
import { synthPlatform } from '../synth/synth-platform';
import { EXIT, EXIT_CODES_HELP, usageError, wantsHelp } from './command';
import { runCli, warn, warningCount } from './report';

const USAGE = 'usage: spark-tenancy synth [--spec FILE] [--out DIR] [--quiet]';

const HELP = `${USAGE}

Loads the platform spec, validates it and every object it produces, and replaces the manifests in the
output folder with one <namespace>${MANIFEST_SUFFIX} per namespace (other files there are kept). Ends
with one summary line on stdout.

  --spec FILE  the spec (default: $SPARK_TENANCY_SPEC, else ./platform.yaml)
  --out DIR    the output folder (default: $CDK8S_OUTDIR, as cdk8s synth sets it, else ./dist)
  --quiet      no summary line (warnings and errors still print)

Paths are relative to the folder the command runs in.
${EXIT_CODES_HELP}`;

/** `spark-tenancy synth` (and `npm run synth`, `cdk8s synth` through main.ts). */
export async function runSynth(argv: readonly string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  let values: { spec?: string; out?: string; quiet?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { spec: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' } }, strict: true }));
  } catch (e) {
    return usageError('synth', (e as Error).message, USAGE);
  }
  const specFile = values.spec ?? (process.env.SPARK_TENANCY_SPEC || 'platform.yaml');
  const outdir = values.out ?? (process.env.CDK8S_OUTDIR || 'dist');
  const warningsBefore = warningCount();
  let summary: SynthSummary | undefined;
  runCli(() => {
    const before = manifestDigests(outdir);
    const platform = synthPlatform({ specFile, outdir, displayName: path.relative(process.cwd(), path.resolve(specFile)) || specFile });
    if (platform.spec.allowPlaintextSecrets) {
      warn('allowPlaintextSecrets is on: secret files are written into dist/ as plaintext Secrets. Never commit that output.');
    }
    summary = summarize(before, outdir, warningCount() - warningsBefore);
  });
  if (summary === undefined) return EXIT.problems;
  if (!values.quiet) process.stdout.write(`${formatSummary(summary, outdir)}\n`);
  return EXIT.ok;
}

/** What one synth changed in the output folder. */
export interface SynthSummary {
  /** Namespaces whose file is new or has other bytes than before. */
  readonly written: number;
  /** Namespaces whose file has the same bytes as before. */
  readonly unchanged: number;
  /** Manifests of namespaces the spec no longer has. */
  readonly removed: number;
  /** API objects in all manifests. */
  readonly objects: number;
  /** Bytes of all manifests. */
  readonly bytes: number;
  /** Warnings printed during the synth. */
  readonly warnings: number;
}

/** sha256 of each manifest in `dir` (none when it does not exist yet). */
function manifestDigests(dir: string): Map<string, string> {
  const digests = new Map<string, string>();
  if (!fs.existsSync(dir)) return digests;
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith(MANIFEST_SUFFIX)) digests.set(name, createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex'));
  }
  return digests;
}

function summarize(before: ReadonlyMap<string, string>, outdir: string, warnings: number): SynthSummary {
  let written = 0;
  let unchanged = 0;
  let objects = 0;
  let bytes = 0;
  const after = new Set<string>();
  for (const name of fs.readdirSync(outdir)) {
    if (!name.endsWith(MANIFEST_SUFFIX)) continue;
    after.add(name);
    const content = fs.readFileSync(path.join(outdir, name));
    bytes += content.length;
    // The writer separates documents with a `---` line (cdk8s's Yaml.stringify format).
    const text = content.toString('utf8');
    objects += text.length === 0 ? 0 : 1 + (text.match(/^---$/gm)?.length ?? 0);
    if (before.get(name) === createHash('sha256').update(content).digest('hex')) unchanged++;
    else written++;
  }
  const removed = [...before.keys()].filter(name => !after.has(name)).length;
  return { written, unchanged, removed, objects, bytes, warnings };
}

/** One line: `synth: 5 namespaces in dist/ (1 written, 4 unchanged, 0 removed), 120 objects, 80.2 KiB, 0 warnings`. */
export function formatSummary(summary: SynthSummary, outdir: string): string {
  const namespaces = summary.written + summary.unchanged;
  const size = summary.bytes < 1024 ? `${summary.bytes} B` : summary.bytes < 1024 * 1024 ? `${(summary.bytes / 1024).toFixed(1)} KiB` : `${(summary.bytes / 1024 / 1024).toFixed(1)} MiB`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `synth: ${plural(namespaces, 'namespace')} in ${outdir.replace(/\/+$/, '')}/ (${summary.written} written, ${summary.unchanged} unchanged, ${summary.removed} removed), `
    + `${plural(summary.objects, 'object')}, ${size}, ${plural(summary.warnings, 'warning')}`;
}
