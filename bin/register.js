// Loads TypeScript sources without type checking, for the bin/ entry points. Sucrase strips types
// in a few milliseconds per file (the TypeScript compiler would add ~0.3 s to every synth);
// `npm test` type-checks the whole project once with `tsc --noEmit`.
require('sucrase/register/ts');
