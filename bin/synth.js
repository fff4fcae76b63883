#!/usr/bin/env node
// `npm run synth` / `cdk8s synth`: runs the example app main.ts through a transpile-only loader, so
// synth does not type-check the whole project on every run (`npm test` type-checks once with
// `tsc --noEmit`). Takes the options of `spark-tenancy synth` (`--help`, `--quiet`, `--spec`, `--out`).
require('./register');
require('../main.ts');
