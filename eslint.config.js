// Lint, including the architecture's boundaries: only electron/main and electron/preload import
// 'electron'; the renderer imports no Node, Electron or db/ code (types from the contract only).
import js from '@eslint/js';
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
);
