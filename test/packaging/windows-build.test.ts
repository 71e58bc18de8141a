// The Windows build as committed: the workflow parses and runs the same build script as the
// PowerShell script for a connected PC (npm ci, the native module for Electron, both targets,
// the packaging check, SHA-256 beside each artifact), and the checksum files it writes are
// accepted by sha256sum — and rejected after a byte of an installer changes.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { writeChecksums } from '../../scripts/package/checksums';
import { tempDir } from '../helpers/temp';

const root = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  productName: string;
  scripts: Record<string, string>;
  build: { win: { target: { target: string }[] }; nsis: Record<string, unknown>; portable: { artifactName: string }; publish: unknown };
};

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, string>;
}

describe('Windows build', () => {
  it('has a workflow that parses and builds, checks, hashes and uploads both targets on a Windows runner', () => {
    const doc = parseDocument(readFileSync(join(root, '.github', 'workflows', 'windows.yml'), 'utf8'));
    expect(doc.errors).toEqual([]);
    const workflow = doc.toJS() as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { 'runs-on': string; steps: Step[] }> };
    expect(Object.keys(workflow.on)).toContain('workflow_dispatch');
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const [job] = Object.values(workflow.jobs);
    expect(job!['runs-on']).toMatch(/^windows-/);
    const steps = job!.steps;
    for (const s of steps.filter((s) => s.uses)) expect(s.uses, 'actions pinned to a major version').toMatch(/^actions\/[a-z-]+@v\d+$/);
    const node = steps.find((s) => s.uses?.startsWith('actions/setup-node'))!;
    expect(node.with!['node-version']).toBe('20.19');
    const runs = steps.map((s) => s.run ?? '');
    const ci = runs.findIndex((r) => /^npm ci\b/.test(r));
    const buildStep = runs.findIndex((r) => r.includes('scripts/package/build-windows.ts'));
    expect(ci).toBeGreaterThan(-1);
    expect(buildStep).toBeGreaterThan(ci);
    expect(runs.join('\n')).toContain(`dist/win-unpacked/${pkg.productName}.exe`);
    expect(runs.join('\n')).toContain('Get-FileHash');
    const upload = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!;
    expect(upload.with!.path).toContain('dist/XPolicyWorkbench-*.exe.sha256');
    expect(upload.with!['if-no-files-found']).toBe('error');
  });

  it('runs the same steps from the PowerShell script and npm run package', () => {
    const ps1 = readFileSync(join(root, 'scripts', 'package', 'build-windows.ps1'), 'utf8');
    expect(ps1).toMatch(/npm ci --no-audit --no-fund/);
    expect(ps1).toContain('node node_modules/tsx/dist/cli.mjs scripts/package/build-windows.ts');
    expect(ps1).toContain('Get-FileHash');
    expect(pkg.scripts.package).toBe('tsx scripts/package/build-windows.ts');
    const script = readFileSync(join(root, 'scripts', 'package', 'build-windows.ts'), 'utf8');
    expect(script).toContain("createTarget(['nsis', 'portable'], Arch.x64)");
    expect(script).toContain("publish: 'never'");
    expect(script).toContain("'--only', 'better-sqlite3'");
  });

  it('configures a per-user installer without administrator rights, a portable exe, ASCII names, nothing published', () => {
    expect(pkg.build.win.target.map((t) => t.target)).toEqual(['nsis', 'portable']);
    expect(pkg.build.nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false, deleteAppDataOnUninstall: false });
    for (const name of [pkg.build.nsis.artifactName as string, pkg.build.portable.artifactName]) expect(name).toMatch(/^[\x20-\x7e]+$/);
    expect(pkg.build.publish).toBeNull();
  });

  it('writes SHA-256 files that sha256sum accepts, and that catch a changed byte', () => {
    const dist = tempDir();
    writeFileSync(join(dist, 'XPolicyWorkbench-Setup-1.0.0-x64.exe'), Buffer.from('MZ installer'));
    writeFileSync(join(dist, 'XPolicyWorkbench-Portable-1.0.0-x64.exe'), Buffer.from('MZ portable'));
    writeFileSync(join(dist, 'notes.txt'), 'not hashed');
    writeFileSync(join(dist, '__uninstaller-nsis-x-policy-workbench.exe'), 'electron-builder helper, not a deliverable');
    const sums = writeChecksums(dist);
    expect(sums.map((s) => s.file)).toEqual(['XPolicyWorkbench-Portable-1.0.0-x64.exe', 'XPolicyWorkbench-Setup-1.0.0-x64.exe']);
    const check = (file: string) => spawnSync('sha256sum', ['-c', file], { cwd: dist, encoding: 'utf8' });
    expect(check('SHA256SUMS.txt').status).toBe(0);
    expect(check('XPolicyWorkbench-Setup-1.0.0-x64.exe.sha256').stdout).toContain('XPolicyWorkbench-Setup-1.0.0-x64.exe: OK');
    writeFileSync(join(dist, 'XPolicyWorkbench-Setup-1.0.0-x64.exe'), Buffer.from('MZ installeR'));
    expect(check('SHA256SUMS.txt').status).not.toBe(0);
  });
});
