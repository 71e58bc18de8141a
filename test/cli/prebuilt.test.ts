// The CLI starts from JavaScript built ahead of time (issue 10 §1): the first run after a fresh
// `npm ci` builds it, later runs start it as it is, and a change to a source it was built from
// builds it again. Measured start-up figures are in `npm run bench` (bench/cli.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleDb } from '../helpers/temp';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'xpw.mjs');

describe('the prebuilt CLI', async () => {
  // Inside the repository, as out/cli is: the bundle finds node_modules from where it lies.
  const out = join(import.meta.dirname, '..', '..', 'out', `cli-test-${process.pid}-${Date.now()}`);
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const db = await sampleDb();
  db.close();
  const xpw = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, XPW_CLI_OUT: out } });
  const manifest = () => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { builtAt: string; inputs: Record<string, number> };

  it('is built on first use, without a step of its own', () => {
    expect(existsSync(out)).toBe(false);
    const r = xpw('summary', '--db', db.file);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('A 現行業務の改善\t132\t13\t118\t1');
    expect(Object.keys(manifest().inputs)).toEqual(expect.arrayContaining(['electron/cli/xpw.ts', 'db/open.ts']));
  });

  it('keeps the libraries of other commands out of the start-up code', () => {
    const entry = readFileSync(join(out, 'xpw.js'), 'utf8');
    for (const heavy of ['exceljs', 'docx', 'playwright-core', 'drizzle-orm', 'zod', 'fflate']) expect(entry).not.toContain(`from "${heavy}`);
    const summaryChunks = readdirSync(join(out, 'chunks')).filter((f) => f.startsWith('summary-command-') && f.endsWith('.js'));
    expect(summaryChunks).toHaveLength(1);
  });

  it('starts as built while the sources are unchanged, and rebuilds when one changed', () => {
    const first = manifest().builtAt;
    expect(xpw('check', '--db', db.file).status).toBe(0);
    expect(manifest().builtAt).toBe(first);
    // As if db/open.ts had been edited since the build.
    const m = manifest();
    m.inputs['db/open.ts'] = (m.inputs['db/open.ts'] ?? 0) - 1000;
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(m));
    expect(xpw('summary', '--db', db.file).status).toBe(0);
    expect(manifest().builtAt).not.toBe(first);
  });
});
