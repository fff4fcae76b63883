// ESLint flat config: typescript-eslint's recommended rules over the TypeScript sources, tests and
// tools; `npm run lint` runs it and `npm test` runs lint first.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'lib/', 'docs/api/', 'imports/', 'coverage/', 'e2e/tools/', '**/node_modules/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', console: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      // Unused names fail the type check already (noUnusedLocals); an `_` prefix marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // The spec and YAML checks exist to find control characters: their regular expressions name them.
      'no-control-regex': 'off',
      // require() is deliberate where it is used: loaded lazily (a large module only some runs need) or
      // named at run time (a Kubernetes model by apiVersion/kind, a user's module).
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Tests and the real-cluster suite read parsed manifests as loose JSON.
    files: ['test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
