import * as path from 'path';
import { synthPlatform } from './src';
import { runCli, warn } from './src/cli';

// The app: `npm run synth` and `cdk8s synth` both run this file.
runCli(() => {
  const specFile = process.env.SPARK_TENANCY_SPEC || 'platform.yaml';
  const platform = synthPlatform({ specFile, displayName: path.relative(process.cwd(), path.resolve(specFile)) || specFile });
  if (platform.spec.allowPlaintextSecrets) {
    warn('allowPlaintextSecrets is on: secret files are written into dist/ as plaintext Secrets. Never commit that output.');
  }
});
