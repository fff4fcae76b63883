import * as path from 'path';
import { HELM_USAGE, parseHelmArgs, synthHelmChart } from '../gitops/helm';
import { EXIT, EXIT_CODES_HELP, usageError, wantsHelp } from './command';
import { runCli } from './report';

const HELP = `${HELM_USAGE}

The platform as a Helm chart, built by \`cdk8s synth --format helm\` (cdk8s-cli must be installed
next to spark-tenancy) and named after this package. The Argo CD file is left out.

  --chart-version SEMVER  the chart's version (required)
  --spec FILE             the spec (default: $SPARK_TENANCY_SPEC, else ./platform.yaml)
  --output DIR            the chart folder (default: ./dist-helm)
${EXIT_CODES_HELP}`;

/** `spark-tenancy helm` (and `npm run synth:helm`). */
export async function runHelm(argv: readonly string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(`${HELP}\n`);
    return EXIT.ok;
  }
  let options;
  try {
    options = parseHelmArgs(argv);
  } catch (e) {
    return usageError('helm', (e as Error).message, '');
  }
  let done = false;
  runCli(() => {
    const result = synthHelmChart(options);
    const shown = path.relative(process.cwd(), result.chartDir) || '.';
    process.stdout.write(`wrote Helm chart ${result.chartName} to ${shown}/ (${result.templates.length} templates: ${result.templates.join(', ')})\n`);
    done = true;
  });
  return done ? EXIT.ok : EXIT.problems;
}
