#!/usr/bin/env node
// `npm run plan [-- --against origin/main --format markdown]`: what a synth would change in dist/, without
// writing it (src/plan/cli.ts). Exit 0 no changes, 2 changes, 1 error.
require('./run-command')('plan');
