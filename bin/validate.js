#!/usr/bin/env node
// `npm run validate`: `spark-tenancy validate` from the sources (`spark-tenancy validate --help`).
require('./run-command')('validate');
