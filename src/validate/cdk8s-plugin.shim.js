// cdk8s loads validation plugins with a plain require(); this shim loads the TypeScript plugin through the
// project's transpile-only loader (`npm test` type-checks the sources once).
'use strict';
require('../../bin/register');
module.exports = require('./cdk8s-plugin.ts');
