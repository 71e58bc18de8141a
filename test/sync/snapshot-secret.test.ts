// The share's snapshot (what a colleague joins from) is a single-file export: it does not carry the
// inquiries' signing secrets either (issue 11 item 5). The joined copy shows the inquiry but has
// no secret, and every file the share holds is free of it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open';
import { listInquiries } from '../../db/queries/inquiries';
import { generateInquiry } from '../../electron/services/inquiry/generate-inquiry';
import { createShare, joinShare } from '../../electron/services/sync/share';
import { sampleDb, tempDir } from '../helpers/temp';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

describe('sync snapshots and inquiry secrets', () => {
  it('the share never holds an inquiry secret; a joined copy has the inquiry without it', async () => {
    const db = await sampleDb();
    await generateInquiry(db, { label: 'R7.2', actor: '事務局' });
    const [inquiry] = listInquiries(db.sqlite);
    expect(inquiry!.secret.length).toBeGreaterThan(20);
    const folder = join(tempDir(), 'share');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    await createShare(db.sqlite, folder, { name: '共有', user: '佐藤', pc: 'PC-1' });
    for (const f of filesUnder(folder)) {
      const raw = readFileSync(f);
      let text = raw.toString('utf8');
      try {
        text += gunzipSync(raw).toString('utf8');
      } catch {
        // not gzip
      }
      expect(text, f).not.toContain(inquiry!.secret);
    }
    const file = join(tempDir(), 'b.sqlite');
    await joinShare(folder, file, { pc: 'PC-2' });
    // The joined copy is a private file like any database of the app (db/private-files.ts).
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = await openDatabase(file);
    const [copied] = listInquiries(b.sqlite);
    expect(copied).toMatchObject({ uid: inquiry!.uid });
    expect(copied!.secret).not.toBe(inquiry!.secret);
    b.close();
    db.close();
  });
});
