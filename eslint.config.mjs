import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'build/**', 'dist/**', 'coverage/**', 'test/output/**', 'bench/output/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    // The core is pure: no Office.js, no Node, no hosts.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'zlib', 'stream', 'util', 'buffer'], message: 'src/core must not use Node APIs.' },
            { group: ['exceljs', 'office-js', '@microsoft/office-js', 'react', 'react-dom', '@fluentui/*', 'docx', 'pdfjs-dist', 'mammoth', 'jszip'], message: 'src/core is host-independent.' },
            { group: ['../node/*', '../excel/*', '../taskpane/*', '../../node/*', '../../excel/*', '../../taskpane/*'], message: 'src/core must not import a host.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'process', 'require', 'window', 'document'],
    },
  },
);
