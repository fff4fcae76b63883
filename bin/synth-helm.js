#!/usr/bin/env node
// `npm run synth:helm -- --chart-version 1.2.3`: the platform as a Helm chart in dist-helm/, built by
// `cdk8s synth --format helm` and named after this package (see src/gitops/helm.ts).
require('./register');
require('../src/gitops/helm').main(process.argv.slice(2));
