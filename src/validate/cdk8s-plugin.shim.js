// cdk8s loads validation plugins with a plain require(); this shim lets it load the TypeScript plugin.
// Transpile only: `npm test` type-checks the sources once.
'use strict';
const path = require('path');
require('ts-node').register({ transpileOnly: true, project: path.join(__dirname, '..', '..', 'tsconfig.json') });
module.exports = require('./cdk8s-plugin.ts');
