import { SparkPlatform } from '../constructs/spark-platform';
import { loadPlatformFile } from '../platform-spec/loader';
import { Platform } from '../platform-spec/platform';
import { ManifestListener, PlatformApp } from './platform-app';

export interface SynthPlatformOptions {
  /** The spec file. */
  readonly specFile: string;
  /** How messages name the spec. @default - `specFile` */
  readonly displayName?: string;
  /** @default - `CDK8S_OUTDIR`, else "dist" */
  readonly outdir?: string;
  /** Told of each manifest as it is written. @default - nobody */
  readonly onManifest?: ManifestListener;
}

/**
 * `npm run synth`: loads the spec, builds the platform, and writes one validated file per namespace
 * into `outdir`, replacing it in one step. Returns the loaded platform.
 */
export function synthPlatform(options: SynthPlatformOptions): Platform {
  const platform = loadPlatformFile(options.specFile, options.displayName ?? options.specFile);
  platformApp(platform, options.outdir ?? process.env.CDK8S_OUTDIR ?? 'dist').synth(options.onManifest);
  return platform;
}

/** A `PlatformApp` holding the whole platform, ready to synthesize into `outdir`. */
export function platformApp(platform: Platform, outdir: string): PlatformApp {
  const app = new PlatformApp({ outdir });
  new SparkPlatform(app, 'platform', { platform });
  return app;
}
