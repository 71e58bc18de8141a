// A clone anywhere passes its tests (issue 10 e): the source document is a fixture inside the
// repository, byte for byte as published, and no test or helper reaches outside the repository.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_DOCUMENT_FILE, sourceDocument } from '../helpers/source-document';

const root = resolve(import.meta.dirname, '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' ? [] : tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('tests are self-contained', () => {
  it('reads the published source document from inside the repository, unchanged', () => {
    expect(relative(root, SOURCE_DOCUMENT_FILE).startsWith('..')).toBe(false);
    const sha = createHash('sha256').update(readFileSync(SOURCE_DOCUMENT_FILE)).digest('hex');
    expect(sha).toBe('602d03f235908c41dc5e122c5c91fa92c5744945ff7c53a91563af862ff51247');
    expect(sourceDocument()).toContain('A 現行業務の改善\t132\t13\t118\t1');
  });

  it('no test or helper names a path beside the repository (../shared)', () => {
    const offenders = tsFiles(join(root, 'test'))
      .filter((f) => !f.endsWith('self-contained.test.ts'))
      .filter((f) => /['"]shared['"]|\.\.\/shared|\.\.\\\\shared/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});
