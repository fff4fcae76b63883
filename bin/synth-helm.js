#!/usr/bin/env node
// `npm run synth-helm`: `spark-tenancy helm` from the sources (`spark-tenancy helm --help`).
require('./run-command')('helm');
