#!/usr/bin/env node
// `npm run explain [-- --out docs/platform.md]`: a Mermaid picture of the platform and a table of files,
// roles and mount paths (src/explain/cli.ts).
require('./register');
require('../src/explain/cli').runExplain(process.argv.slice(2)).then((code) => { process.exitCode = code; });
