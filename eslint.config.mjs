// ESLint 9 flat config (`npm run lint`, part of `npm test`): typescript-eslint's type-aware recommended
// rules, the React hooks rules for renderer/, and the layering rule that keeps imports pointing one way.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import local from './scripts/eslint/layering.mjs';
import { LAYER_FILES, LAYERS } from './scripts/eslint/layers.mjs';

export default defineConfig(
  {
    ignores: ['node_modules/', 'out/', 'release/', 'dist/', 'coverage/', 'test/**/fixtures/'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    // A handful of rules tuned, each for a reason:
    rules: {
      // Handlers, ports and fakes implement Promise-returning interfaces; an async function without an
      // await is the plainest way to do that, and it turns a throw into the rejection callers expect.
      '@typescript-eslint/require-await': 'off',
      // It fires only on String(value) of values typed `unknown` and narrowed past null/undefined (TypeScript
      // then says `{}`): spreadsheet cells, grid editor values, CSV fields, which are primitives by
      // construction, quoted in messages on purpose. Objects in templates and `+` are still caught by
      // restrict-template-expressions and restrict-plus-operands.
      '@typescript-eslint/no-base-to-string': 'off',
      // `const { rows: _rows, ...rest } = plan` is how a property is left out of a copy.
      // A leading underscore marks a parameter kept for its position (e.g. a test table's description column).
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // vitest's asymmetric matchers (expect.stringMatching, expect.objectContaining...) are typed `any`, and
    // an expected object is where they belong.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    // Build tooling written as plain ESM: no TypeScript project to type-check it against.
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // House rule: no function over ~80 lines without a reason written beside it. Split a longer one into
    // well-named parts (hooks, components, functions); only where splitting would hurt, disable the rule on
    // that function with the reason: `// eslint-disable-next-line max-lines-per-function -- <why>`. Tests are
    // left out: a describe block is a list of cases, not a function to read top to bottom.
    files: ['{shared,node,electron,cli,renderer,bench,scripts}/**/*.{ts,tsx,mjs}'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    plugins: { local },
    rules: {
      'local/layering': ['error', { root: import.meta.dirname, layers: LAYERS, files: LAYER_FILES }],
    },
  },
  {
    // exceljs stays behind one adapter: its private internals are pinned and tested there. Tests read
    // exported workbooks back with it as an independent reader; the xlsx benchmark's baseline is exceljs
    // used the ordinary way.
    ignores: ['node/io/exceljs-adapter.ts', 'test/**', 'bench/xlsx-bench.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'exceljs',
              message:
                'exceljs stays behind node/io/exceljs-adapter.ts (its private internals are pinned and tested there): add what you need to the adapter.',
            },
          ],
        },
      ],
    },
  },
);
