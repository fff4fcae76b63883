#!/usr/bin/env node
// The `spark-tenancy` command of the installed package: the compiled CLI in lib/ (built by `prepare`).
// See `spark-tenancy --help`; exit codes: 0 done, 1 problems found, 2 could not run.
'use strict';
require('../lib/src/cli')
  .main(process.argv.slice(2))
  .then(
    code => {
      process.exitCode = code;
    },
    error => {
      process.stderr.write(`error: ${error && error.message ? error.message : String(error)}\n`);
      if (process.env.SPARK_TENANCY_DEBUG) process.stderr.write(`${error && error.stack}\n`);
      process.exitCode = 1;
    },
  );
