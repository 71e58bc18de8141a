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
