#!/usr/bin/env node
// `npm run explain [-- PATH]`: writes docs/platform.md, the picture of the platform (src/explain/cli.ts).
require('./run-command')('explain');
