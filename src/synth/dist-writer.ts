import * as fs from 'fs';
import * as path from 'path';

/** Files the package owns in the output folder; anything else there is left alone. */
export const MANIFEST_SUFFIX = '.k8s.yaml';

/**
 * Replaces the manifests in `outdir` with `files` (name → content) as one step: everything is
 * written to a staging folder beside `outdir` first, so an error leaves the previous output as it
 * was, and manifests of namespaces that are gone are removed. Other files in `outdir` are kept.
 */
export function writeDist(outdir: string, files: ReadonlyMap<string, string>): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.staging-`));
  fs.chmodSync(staging, 0o755); // mkdtemp makes it private; the output is an ordinary folder
  try {
    if (fs.existsSync(target)) {
      for (const entry of fs.readdirSync(target)) {
        if (!entry.endsWith(MANIFEST_SUFFIX)) fs.cpSync(path.join(target, entry), path.join(staging, entry), { recursive: true });
      }
    }
    for (const [name, content] of files) {
      if (name.includes('/') || name.includes('\\') || !name.endsWith(MANIFEST_SUFFIX)) {
        throw new Error(`refusing to write "${name}": manifest names are plain <namespace>${MANIFEST_SUFFIX} file names`);
      }
      fs.writeFileSync(path.join(staging, name), content);
    }
    swapInto(staging, target);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Renames `staging` onto `target`, keeping the old folder until the new one is in place. */
function swapInto(staging: string, target: string): void {
  const previous = `${staging}.previous`;
  const hadTarget = fs.existsSync(target);
  if (hadTarget) fs.renameSync(target, previous);
  try {
    fs.renameSync(staging, target);
  } catch (e) {
    if (hadTarget) fs.renameSync(previous, target);
    throw e;
  }
  if (hadTarget) fs.rmSync(previous, { recursive: true, force: true });
}
