#!/usr/bin/env node
// `npm run e2e`: the real-cluster suite (e2e/run.ts); see docs/e2e.md.
require('./register');
require('../e2e/run.ts');
