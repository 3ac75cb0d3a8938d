// Lint: typescript-eslint's recommended rules on src/ and test/; formatting is Prettier's job.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Apps Script: only src/apps-script/main.ts reads the services' globals; every other module receives them.
    files: ['src/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/apps-script/main.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'SpreadsheetApp',
          'FormApp',
          'DriveApp',
          'DocumentApp',
          'Charts',
          'ScriptApp',
          'LockService',
          'PropertiesService',
          'MailApp',
          'Session',
          'Utilities',
          'Docs',
        ].map((name) => ({
          name,
          message: 'Apps Script services reach the code through src/apps-script/main.ts only.',
        })),
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
