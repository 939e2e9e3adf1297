import Module from 'node:module';

// typescript-eslint reads TypeScript's JS API, which TypeScript 7 (the native compiler the
// projects build with) no longer ships. This package pins TypeScript 6 for the parser;
// point every `require('typescript')` made while linting at it.
const require = Module.createRequire(import.meta.url);
const typescript6 = require.resolve('typescript');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === 'typescript' ? typescript6 : request, ...rest);
};

const { default: js } = await import('@eslint/js');
const { default: tseslint } = await import('typescript-eslint');

/** One lint configuration for every project; zero warnings are allowed (see package scripts). */
export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', 'e2e/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through AppConfig (server/src/config).',
        },
      ],
    },
  },
  {
    // Only the places that legitimately read the environment.
    files: ['server/src/main.ts', 'server/src/cli/**', 'e2e/**', 'scripts/**', '**/*.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
