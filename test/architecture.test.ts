// The architecture's boundaries are enforced by lint; prove that lint catches a violation.
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(import.meta.dirname, '..') });
const lint = async (file: string, code: string) => (await eslint.lintText(code, { filePath: join(import.meta.dirname, '..', file) }))[0]!.messages.map((m) => m.message);

describe('architecture boundaries (lint)', () => {
  it("only electron/main and electron/preload import 'electron'", async () => {
    expect(await lint('electron/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringContaining('Only electron/main and electron/preload')]);
    expect(await lint('db/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await lint('electron/main/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('the renderer imports no Node, Electron or db/ code, and only types from the contract', async () => {
    expect(await lint('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await lint('renderer/src/x.ts', "import { openDatabase } from '../../db/open';\nexport const a = openDatabase;\n")).toHaveLength(1);
    expect(await lint('renderer/src/x.ts', "import { dispatch } from '../../electron/contract/dispatch';\nexport const a = dispatch;\n")).toHaveLength(1);
    expect(await lint('renderer/src/x.ts', "import { CHANNELS } from '../../electron/contract/channels';\nexport const a = CHANNELS;\n")).not.toHaveLength(0);
    expect(await lint('renderer/src/x.ts', "import type { IssueRow } from '../../electron/contract/channels';\nexport type A = IssueRow;\n")).toEqual([]);
  });
});

describe('the one write path (lint rules xpw/no-write-sql and xpw/no-sql-outside-db)', () => {
  const prepared = (sql: string) => `export const f = (db: { prepare(s: string): { run(): void } }) => db.prepare(${sql}).run();\n`;
  const writes = [
    "'INSERT INTO evaluations (issue_id) VALUES (?)'",
    "'insert or replace into settings (key, value) values (?, ?)'",
    "'REPLACE INTO settings (key, value) VALUES (?, ?)'",
    "'UPDATE evaluations SET rank = ? WHERE id = ?'",
    '`UPDATE "${"issues"}" SET title = ?`',
    "'DELETE FROM comparison_notes WHERE id = ?'",
    "'CREATE TABLE x (a)'",
    "'CREATE UNIQUE INDEX x ON t (a)'",
    "'DROP TABLE x'",
    "'ALTER TABLE x ADD COLUMN b'",
  ];

  it.each(writes)('refuses SQL that writes outside db/write: %s', async (sql) => {
    for (const file of ['electron/services/x.ts', 'electron/contract/x.ts', 'electron/cli/x.ts', 'db/queries/x.ts', 'db/x.ts', 'common/x.ts']) {
      expect(await lint(file, prepared(sql)), file).toContainEqual(expect.stringContaining('belongs in db/write/'));
    }
    expect(await lint('db/write/x.ts', prepared(sql))).toEqual([]);
  });

  it('finds write SQL held in a variable, not only in prepare()', async () => {
    expect(await lint('electron/services/x.ts', 'export const SQL = `DELETE FROM ${"issues"} WHERE id = ?`;\n')).toHaveLength(1);
  });

  it('allows what is plumbing, with its reason in eslint.config.js', async () => {
    const sql = prepared("'DELETE FROM issue_search WHERE rowid = ?'");
    expect(await lint('db/search-index.ts', sql)).toEqual([]);
    expect(await lint('electron/services/snapshot/x.ts', sql)).toEqual([]);
    expect(await lint('bench/x.ts', sql)).toEqual([]);
  });

  it('keeps every SQL statement, reads included, out of services, handlers and the CLI', async () => {
    const read = prepared("'SELECT 1 FROM issues WHERE id = ?'");
    for (const file of ['electron/services/x.ts', 'electron/contract/x.ts', 'electron/cli/x.ts']) {
      expect(await lint(file, read), file).toEqual([expect.stringContaining('SQL lives in db/')]);
      expect(await lint(file, "export const f = (db: { exec(s: string): void }) => db.exec('VACUUM');\n"), file).toHaveLength(1);
      expect(await lint(file, "import { statement } from '../../db/statements.js';\nexport const s = statement;\n"), file).toEqual([expect.stringContaining('statement cache')]);
      expect(await lint(file, 'export const t = (db: { transaction(f: () => void): () => void }) => db.transaction(() => {})();\n'), file).toEqual([expect.stringContaining('write layer')]);
    }
    expect(await lint('db/queries/x.ts', read)).toEqual([]);
  });

  it('does not take regular expressions or prose for SQL', async () => {
    expect(await lint('electron/services/x.ts', "export const m = /^R(\\d+)$/.exec('R6');\nconst RE = /a/;\nexport const n = RE.exec('a');\nexport const t = 'Update the list and delete the draft';\n")).toEqual([]);
  });

  it('the repository holds no SQL outside the places the rules allow', async () => {
    const results = await eslint.lintFiles(['db', 'electron', 'common', 'bin', 'scripts', 'renderer/src']);
    const found = results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('xpw/')).map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(found).toEqual([]);
  });
});
