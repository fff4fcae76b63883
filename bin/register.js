// Loads TypeScript sources without type checking (transpile only); shared by the bin/ entry points.
require('ts-node').register({
  transpileOnly: true,
  project: require('path').join(__dirname, '..', 'tsconfig.json'),
  compilerOptions: { sourceMap: false, declaration: false },
});
