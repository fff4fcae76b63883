// The repository's npm scripts (`npm run validate`, `import`, `leak-check`, `synth:helm`): the same
// subcommands as the installed `spark-tenancy`, run from the TypeScript sources through the dev loader,
// so an edited source needs no build first.
'use strict';
require('./register');
module.exports = function runCommand(name) {
  require('../src/cli')
    .COMMANDS[name].run(process.argv.slice(2))
    .then(code => {
      process.exitCode = code;
    });
};
