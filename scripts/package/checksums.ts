// SHA-256 of the Windows artifacts for the 持ち込み申請: <name>.sha256 beside each .exe and
// SHA256SUMS.txt, both in sha256sum's format (`sha256sum -c` and Get-FileHash can check them).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Checksum {
  file: string;
  bytes: number;
  sha256: string;
}

/** The deliverables (package.json artifactName), not electron-builder's helpers (__uninstaller-nsis-….exe). */
export const ARTIFACT = /^XPolicyWorkbench-.+\.exe$/;

/** Hashes every artifact in dir and writes <name>.sha256 beside it and SHA256SUMS.txt. */
export function writeChecksums(dir: string): Checksum[] {
  const sums = readdirSync(dir)
    .filter((f) => ARTIFACT.test(f))
    .sort()
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      return { file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
  for (const s of sums) writeFileSync(join(dir, `${s.file}.sha256`), `${s.sha256} *${s.file}\n`);
  writeFileSync(join(dir, 'SHA256SUMS.txt'), sums.map((s) => `${s.sha256} *${s.file}\n`).join(''));
  return sums;
}

