import * as fs from 'fs';
import * as path from 'path';
import { printError } from '../cli/report';
import { parseManifests } from '../plan/manifest-set';
import { loadPlatformFile } from '../platform-spec/loader';
import { platformApp } from '../synth/synth-platform';
import { platformDocument } from './document';
import { platformModel } from './model';

const USAGE = `usage: spark-tenancy explain [--spec platform.yaml] [--out docs/platform.md]

Writes a Markdown page with a Mermaid diagram of the platform (the proxy namespace, the tenant
namespaces, which files reach which pod by which transport, the ingress the network policies allow)
and a table of files, roles and mount paths. The same spec always gives the same page.

  --spec FILE   the platform spec (default: $SPARK_TENANCY_SPEC, else platform.yaml)
  --out FILE    where to write (default: docs/platform.md); - writes to standard output

exit codes: 0 written, 1 error (printed on stderr)
`;

/** The page `explain` writes for a spec file. */
export function explainSpec(specFile: string): string {
  const specName = path.relative(process.cwd(), path.resolve(specFile)) || specFile;
  const platform = loadPlatformFile(specFile, specName);
  const manifests = parseManifests(platformApp(platform, 'dist').synthDocuments());
  return platformDocument(platformModel(platform, manifests), platform.spec.name, path.basename(specFile));
}

/** `spark-tenancy explain`: 0 when the page is written, 1 on an error. */
export async function runExplain(argv: readonly string[]): Promise<number> {
  let spec = process.env.SPARK_TENANCY_SPEC || 'platform.yaml';
  let out = path.join('docs', 'platform.md');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(USAGE);
      return 0;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = inline ?? argv[i + 1];
    if ((flag !== '--spec' && flag !== '--out') || value === undefined || value === '') {
      process.stderr.write(`explain: ${flag === '--spec' || flag === '--out' ? `${flag} needs a value` : `unknown argument ${arg}`}\n${USAGE}`);
      return 1;
    }
    if (inline === undefined) i++;
    if (flag === '--spec') spec = value;
    else out = value;
  }
  try {
    const page = explainSpec(spec);
    if (out === '-') {
      process.stdout.write(page);
    } else {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, page);
      process.stderr.write(`explain: wrote ${out}\n`);
    }
    return 0;
  } catch (e) {
    printError(e, 'nothing was written', 'explain failed');
    return 1;
  }
}
