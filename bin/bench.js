#!/usr/bin/env node
// `npm run bench`: see bench/bench.ts.
require('./register');
require('../bench/bench.ts');
