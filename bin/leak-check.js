#!/usr/bin/env node
// `npm run leak-check`: `spark-tenancy leak-check` from the sources (`spark-tenancy leak-check --help`).
require('./run-command')('leak-check');
