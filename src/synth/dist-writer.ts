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
  const staging = new StagedDist(outdir);
  try {
    for (const [name, content] of files) staging.write(name, content);
    staging.commit();
  } finally {
    staging.discard();
  }
}

/**
 * A new output folder being prepared beside `outdir`: it starts with `outdir`'s files that are not
 * manifests; `commit()` swaps it in, `discard()` (always safe to call) removes what is left of it.
 */
export class StagedDist {
  /** The staging folder; other threads may write manifests into it too. */
  public readonly dir: string;
  private readonly target: string;

  constructor(outdir: string) {
    this.target = path.resolve(outdir);
    const parent = path.dirname(this.target);
    fs.mkdirSync(parent, { recursive: true });
    this.dir = fs.mkdtempSync(path.join(parent, `.${path.basename(this.target)}.staging-`));
    fs.chmodSync(this.dir, 0o755); // mkdtemp makes it private; the output is an ordinary folder
    if (fs.existsSync(this.target)) {
      for (const entry of fs.readdirSync(this.target)) {
        if (!entry.endsWith(MANIFEST_SUFFIX)) fs.cpSync(path.join(this.target, entry), path.join(this.dir, entry), { recursive: true });
      }
    }
  }

  /** Writes one manifest; the name must be a plain `<namespace>.k8s.yaml`. */
  public write(name: string, content: string): void {
    writeManifest(this.dir, name, content);
  }

  /** Renames the staging folder onto `outdir`, keeping the old folder until the new one is in place. */
  public commit(): void {
    const previous = `${this.dir}.previous`;
    const hadTarget = fs.existsSync(this.target);
    if (hadTarget) fs.renameSync(this.target, previous);
    try {
      fs.renameSync(this.dir, this.target);
    } catch (e) {
      if (hadTarget) fs.renameSync(previous, this.target);
      throw e;
    }
    if (hadTarget) fs.rmSync(previous, { recursive: true, force: true });
  }

  public discard(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Writes `name` into `dir`, refusing anything but a plain manifest file name. */
export function writeManifest(dir: string, name: string, content: string): void {
  if (name.includes('/') || name.includes('\\') || !name.endsWith(MANIFEST_SUFFIX)) {
    throw new Error(`refusing to write "${name}": manifest names are plain <namespace>${MANIFEST_SUFFIX} file names`);
  }
  fs.writeFileSync(path.join(dir, name), content);
}
