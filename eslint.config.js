// Lint, including the architecture's boundaries: only electron/main and electron/preload import
// 'electron'; the renderer imports no Node, Electron or db/ code (types from the contract only);
// SQL that writes appears only in db/write/ (the one write path), and SQL at all only in db/.
import js from '@eslint/js';
import sqlBoundaries from './eslint-rules/sql-boundaries.js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'util', 'stream'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'tmp/**', 'db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', performance: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    ignores: ['electron/main/**', 'electron/preload/**', 'electron.vite.config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'common/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', requestAnimationFrame: 'readonly', HTMLElement: 'readonly', HTMLInputElement: 'readonly', HTMLTextAreaElement: 'readonly', KeyboardEvent: 'readonly' } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches data only through the contract (api/client).' },
            { name: 'better-sqlite3', message: 'The renderer never touches the database.' },
            ...nodeBuiltins.filter((n) => !n.includes('*')).map((name) => ({ name, message: 'No Node.js in the renderer.' })),
          ],
          patterns: [
            { group: ['node:*'], message: 'No Node.js in the renderer.' },
            { group: ['**/db/**', '**/db'], message: 'The renderer never imports db/ code.' },
            {
              group: ['**/electron/**', '!**/electron/contract/channels'],
              allowTypeImports: true,
              message: 'The renderer may import only types from electron/contract/channels.',
            },
            { group: ['**/electron/contract/channels'], allowTypeImports: true, message: 'Import the contract with `import type`.' },
          ],
        },
      ],
    },
  },
  { plugins: { xpw: sqlBoundaries } },
  {
    // The one write path (issue 10 §3). Allowed elsewhere only where nothing shared is changed:
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    ignores: [
      'db/write/**', // the write layer itself
      'db/search-index.ts', // the derived full-text index: rebuilt from issues, written inside the write layer's transactions, never shared
      'db/canonical-schema.ts', // builds the migrations' schema in an in-memory database to compare files with; SQLite's own table definitions as text
      'electron/services/snapshot/**', // restore plumbing: loads a whole snapshot into a NEW database file before it is opened
      'bench/**', // synthetic benchmark databases generated in bulk, never a user's data
      'test/**', // tests build and damage databases on purpose
      'eslint-rules/**', // the rule's own patterns
      'electron/services/sync/postgres/**', // PostgreSQL's SQL: the remote append-only change log, not the local SQLite
    ],
    rules: { 'xpw/no-write-sql': 'error' },
  },
  {
    // Reads too: SQL lives in db/ (db/queries), not in services, contract handlers or the CLI.
    files: ['electron/**/*.ts', 'common/**/*.ts', 'renderer/**/*.{ts,tsx}', 'bin/**', 'scripts/**'],
    ignores: [
      'electron/services/snapshot/**', // whole-database plumbing: dumps every table by name, loads a snapshot into a new file
      'electron/services/backups/restore.ts', // restore plumbing: VACUUM of the copy before it goes in
      'electron/services/sync/postgres/**', // PostgreSQL's SQL (the remote change log), not the local SQLite
    ],
    rules: { 'xpw/no-sql-outside-db': 'error' },
  },
);
