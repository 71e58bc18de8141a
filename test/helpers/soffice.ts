// LibreOffice as the second word processor: converts .docx to PDF (headless) so the layout can be
// read back. A file it had to repair or could not read produces no PDF, which fails the test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

function soffice(): string {
  const found = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  if (!found || spawnSync(found, ['--version'], { encoding: 'utf8', timeout: 30_000 }).status !== 0) {
    throw new Error('LibreOffice (soffice) is missing: install the Debian package libreoffice-writer-nogui (apt-get install -y libreoffice-writer-nogui)');
  }
  return found;
}

/** Each named .docx converted to PDF bytes. */
export function docxToPdf(files: Record<string, Uint8Array>): Record<string, Uint8Array> {
  const dir = tempDir('xpw-lo-');
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, `${name}.docx`), bytes);
  execFileSync(
    soffice(),
    [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...Object.keys(files).map((n) => join(dir, `${n}.docx`))],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return Object.fromEntries(Object.keys(files).map((n) => [n, new Uint8Array(readFileSync(join(dir, `${n}.pdf`)))]));
}
