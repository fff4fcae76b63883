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
    const counter = new SummaryCounter(outdir);
    const platform = synthPlatform({
      specFile,
      outdir,
      displayName: path.relative(process.cwd(), path.resolve(specFile)) || specFile,
      onManifest: counter.count,
    });
    if (platform.spec.allowPlaintextSecrets) {
      warn('allowPlaintextSecrets is on: secret files are written into dist/ as plaintext Secrets. Never commit that output.');
    }
    summary = counter.summary(warningCount() - warningsBefore);
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

/**
 * Counts what a synth writes as the writer emits it, against the manifests `outdir` holds until the
 * new output replaces them: the new output is never read back, and an old file is read only when its
 * size matches the new one's.
 */
class SummaryCounter {
  private readonly previous: Set<string>;
  private written = 0;
  private unchanged = 0;
  private objects = 0;
  private bytes = 0;

  constructor(private readonly outdir: string) {
    this.previous = new Set(fs.existsSync(outdir) ? fs.readdirSync(outdir).filter(name => name.endsWith(MANIFEST_SUFFIX)) : []);
  }

  public readonly count = (name: string, yaml: string, documents: readonly unknown[]): void => {
    const content = Buffer.from(yaml, 'utf8');
    this.bytes += content.length;
    this.objects += documents.length;
    if (this.previous.delete(name) && this.sameAsBefore(name, content)) this.unchanged++;
    else this.written++;
  };

  public summary(warnings: number): SynthSummary {
    // What is still in `previous` was not written again: the writer removed it.
    return { written: this.written, unchanged: this.unchanged, removed: this.previous.size, objects: this.objects, bytes: this.bytes, warnings };
  }

  private sameAsBefore(name: string, content: Buffer): boolean {
    const file = path.join(this.outdir, name);
    return fs.statSync(file).size === content.length && fs.readFileSync(file).equals(content);
  }
}

/** One line: `synth: 5 namespaces in dist/ (1 written, 4 unchanged, 0 removed), 120 objects, 80.2 KiB, 0 warnings`. */
export function formatSummary(summary: SynthSummary, outdir: string): string {
  const namespaces = summary.written + summary.unchanged;
  const size =
    summary.bytes < 1024
      ? `${summary.bytes} B`
      : summary.bytes < 1024 * 1024
        ? `${(summary.bytes / 1024).toFixed(1)} KiB`
        : `${(summary.bytes / 1024 / 1024).toFixed(1)} MiB`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `synth: ${plural(namespaces, 'namespace')} in ${outdir.replace(/\/+$/, '')}/ (${summary.written} written, ${summary.unchanged} unchanged, ${summary.removed} removed), ` +
    `${plural(summary.objects, 'object')}, ${size}, ${plural(summary.warnings, 'warning')}`
  );
}
