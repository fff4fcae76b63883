#!/usr/bin/env node
// `npm run import`: `spark-tenancy import` from the sources (`spark-tenancy import --help`).
require('./run-command')('import');
