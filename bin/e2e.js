#!/usr/bin/env node
// `npm run e2e`: the real-cluster suite (e2e/run.ts); see README "The real-cluster suite".
require('./register');
require('../e2e/run.ts');
