import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../package-root';

/** Where the unified image carries its entrypoint; `bootstrap.sh sync PLAN...` runs the image's copy of the materializer. */
export const IMAGE_BOOTSTRAP = '/opt/bootstrap.sh';

let source: string | undefined;
let cached: string | undefined;

function scriptSource(): string {
  source ??= fs.readFileSync(path.join(packageRoot(), 'image', 'materialize.sh'), 'utf8');
  return source;
}

/**
 * The materializer the `config-sync` init container runs when the spec says the image does not carry
 * it (`materializer: inline`): `image/materialize.sh`, the same file the image ships for `bootstrap.sh
 * sync`. Comment lines are dropped (they would repeat in every pod spec); the code is inlined unchanged.
 */
export function materializerScript(): string {
  cached ??=
    scriptSource()
      .split('\n')
      .filter(line => !/^\s*#/.test(line) && line.trim() !== '')
      .join('\n') + '\n';
  return cached;
}

/**
 * The plan format of `image/materialize.sh` (its `PLAN_VERSION=` line): every plan starts with
 * `version N`, and an image whose script reads another format refuses the plan before writing anything.
 */
export function materializerPlanVersion(): string {
  const found = /^PLAN_VERSION=(\d+)$/m.exec(scriptSource());
  if (!found) throw new Error('image/materialize.sh has no PLAN_VERSION= line');
  return found[1];
}
