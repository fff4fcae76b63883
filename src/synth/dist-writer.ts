import * as fs from 'fs';
import * as path from 'path';
import { ThreadQueue } from './thread-queue';

/** Files the package owns in the output folder; anything else there is left alone. */
export const MANIFEST_SUFFIX = '.k8s.yaml';

/**
 * Output written in line before the rest goes to a writer thread: small platforms never start one;
 * large ones (a thousand namespaces is ~50 MiB) overlap their writes with rendering.
 */
const BACKGROUND_AFTER_BYTES = 4 * 1024 * 1024;

/**
 * Replaces the manifests in `outdir` with what `produce` writes (name → content), as one step: every
 * file goes to a staging folder beside `outdir` as soon as it is written, so the output is never held
 * in memory whole, and an error (thrown by `produce` or a write) leaves the previous output as it
 * was. Manifests of namespaces that are gone are removed; other files in `outdir` are kept.
 */
export function writeDist(outdir: string, produce: (write: (name: string, content: string) => void) => void): void {
  const staging = new StagedDist(outdir);
  try {
    produce((name, content) => staging.write(name, content));
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
  /** The staging folder, where manifests go until `commit()`. */
  public readonly dir: string;
  private readonly target: string;
  private written = 0;
  /** Writes on a second thread, once the output is large. */
  private background?: ThreadQueue<never>;
  private readonly encoder = new TextEncoder();

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

  /**
   * Writes one manifest; the name must be a plain `<namespace>.k8s.yaml`. Once the output passes
   * `BACKGROUND_AFTER_BYTES`, the rest is written on a second thread, so the time the kernel spends
   * copying it into the page cache overlaps with rendering instead of adding to it.
   */
  public write(name: string, content: string): void {
    const file = manifestPath(this.dir, name);
    if (this.background) {
      // TextEncoder gives the bytes a buffer of their own, which moves to the thread without a copy.
      const bytes = this.encoder.encode(content);
      this.background.call([file, bytes], [bytes.buffer]);
      return;
    }
    fs.writeFileSync(file, content);
    this.written += content.length;
    if (this.written > BACKGROUND_AFTER_BYTES) this.background = new ThreadQueue<never>('fs', 'writeFileSync');
  }

  /** Renames the staging folder onto `outdir`, keeping the old folder until the new one is in place. */
  public commit(): void {
    this.finishWrites();
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

  /** Waits for the writer thread, if any; throws the first write that failed. */
  private finishWrites(): void {
    const background = this.background;
    this.background = undefined;
    background?.finish();
  }

  public discard(): void {
    try {
      this.finishWrites();
    } catch {
      // these files are being thrown away; the error that led here is the one to report
    } finally {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** Where manifest `name` goes in `dir`, refusing anything but a plain manifest file name. */
function manifestPath(dir: string, name: string): string {
  if (name.includes('/') || name.includes('\\') || !name.endsWith(MANIFEST_SUFFIX)) {
    throw new Error(`refusing to write "${name}": manifest names are plain <namespace>${MANIFEST_SUFFIX} file names`);
  }
  return path.join(dir, name);
}
