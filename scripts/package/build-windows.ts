// Builds the Windows deliverables on a connected Windows PC or runner (`npm run package`,
// .github/workflows/windows.yml, build-windows.ps1): better-sqlite3 for Electron's ABI, the app,
// the per-user NSIS installer and the portable .exe from package.json's "build" configuration
// (never published), the packaging check on win-unpacked (run-time files, native module
// unpacked, fuses on the real executable), and the SHA-256 of each artifact written beside it
// (<name>.sha256, sha256sum format) and into SHA256SUMS.txt, for the 持ち込み申請.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeChecksums } from './checksums.js';
import { verifyPackage } from './verify-package.js';

const projectDir = resolve(import.meta.dirname, '..', '..');

function run(command: string, args: string[]): void {
  console.log(`> ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: projectDir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} が失敗しました (終了コード ${r.status})`);
}

async function main(): Promise<number> {
  if (process.platform !== 'win32') {
    console.error('Windows で実行してください (NSIS と portable は Windows でビルドします)。ここでの確認は npm run package:check です。');
    return 1;
  }
  const node = process.execPath;
  const electronVersion = (JSON.parse(readFileSync(join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  // 1. The native module for Electron's ABI (downloads Electron's headers; needs Python and Visual Studio Build Tools).
  run(node, [join(projectDir, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), '--version', electronVersion, '--only', 'better-sqlite3', '--force']);
  // 2. The app.
  run(node, [join(projectDir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
  // 3. Both targets, never published (electron-builder downloads the Electron zip once).
  const { Arch, build, Platform } = await import('electron-builder');
  await build({ projectDir, targets: Platform.WINDOWS.createTarget(['nsis', 'portable'], Arch.x64), publish: 'never' });
  const dist = join(projectDir, 'dist');
  // 4. The same checks as here, on the real executable.
  const productName = (JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { productName: string }).productName;
  const appOutDir = join(dist, 'win-unpacked');
  const verified = await verifyPackage({ appOutDir, executable: join(appOutDir, `${productName}.exe`), projectDir });
  for (const p of verified.problems) console.error(`✗ ${p}`);
  if (verified.problems.length) return 1;
  // 5. Hashes for the paperwork.
  const sums = writeChecksums(dist);
  if (!sums.some((s) => /Setup/.test(s.file)) || !sums.some((s) => /Portable/.test(s.file))) {
    console.error(`インストーラーと portable の両方が必要です: ${sums.map((s) => s.file).join(', ')}`);
    return 1;
  }
  for (const s of sums) console.log(`${s.sha256}  ${s.file}  (${(statSync(join(dist, s.file)).size / 1e6).toFixed(1)} MB)`);
  console.log(`SHA-256 を ${join(dist, 'SHA256SUMS.txt')} と各ファイルの .sha256 に書きました。`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`ビルドに失敗しました: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
