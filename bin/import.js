#!/usr/bin/env node
// `npm run import -- <kubectl-get-export.yaml> [--out config] [--mount-path-from <deployment.yaml>] [--force]`:
// turns a hand-made namespace's ConfigMaps into files under config/ and prints the spec's `files:`
// entries; Secrets are referenced by key, never copied (see src/gitops/import-export.ts).
require('./register');
require('../src/gitops/import-export').main(process.argv.slice(2));
