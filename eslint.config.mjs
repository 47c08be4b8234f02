// ESLint over the whole repository (house style 33): typescript-eslint with type information for the TypeScript
// (server, tests and web app), react-hooks for the web app, the recommended rules for the .mjs/.cjs scripts.
// A rule switched off says why here; none is silenced line by line without a reason.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'coverage/', '.arena/', 'test/fixtures/', 'test/artifacts/', 'apps/web/src/api/schema.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The server's program (which also holds the web app's specs) and the web app's.
        project: ['./tsconfig.json', './apps/web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Nest services and repositories keep `async` on methods that do not await yet: the Promise is their contract,
      // and a throw inside becomes a rejection as callers expect.
      '@typescript-eslint/require-await': 'off',
      // `items.map(EventDto.from)`: static factories do not use `this`.
      '@typescript-eslint/unbound-method': ['error', { ignoreStatic: true }],
      // `const { flags: _flags, ...row } = …` drops fields on purpose; `_name` marks a parameter an interface requires.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Names, paths and CSV cells are checked for control characters by regexes that list them on purpose.
      'no-control-regex': 'off',
      // `let pages` declared before a hook that reads it and assigned once the app exists.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // `ready && start()` and `a ? b() : c()` as statements are plain control flow.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    // Scripts run by node as they are (no TypeScript program holds them): the rules that need no type information.
    files: ['**/*.{js,mjs,cjs}', 'scripts/**/*.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['apps/api/**/*.ts', 'apps/worker/**/*.ts', 'libs/**/*.ts', 'migrations/**/*.ts', 'test/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // The suites read the API's JSON answers (supertest types them `any`) and check their shape with expect; jest's
    // `expect(service.method)` passes methods unbound on purpose.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    rules: {
      // The typed client's calls throw the API's own error body ({ statusCode, message, code }) as it came: pages read
      // its message and put a 400's fields next to the form, which an Error wrapper would hide.
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
);
