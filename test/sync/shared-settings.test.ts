// Settings in team sync: the export defaults' font and paper are this PC's (its printers), but the
// author named in tracked changes and the city's 全国地方公共団体コード are the team's — they reach
// the other PCs, and a PC that joins later gets them, while each PC keeps its own font.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { changeSettings } from '../../db/write/settings';
import { syncOnce } from '../../electron/services/sync/engine';
import { FolderTransport } from '../../electron/services/sync/folder-transport';
import { joinShare } from '../../electron/services/sync/share';
import { FONT_NAMES } from '../../electron/services/export/fonts';
import { DEFAULT_EXPORT_DEFAULTS, EXPORT_DEFAULTS_KEY, readExportDefaults } from '../../electron/services/settings/export-defaults';
import { tempDir } from '../helpers/temp';
import { sharedReplicas } from './helpers';

const syncAll = async (dbs: Db[], folder: string) => {
  for (let i = 0; i < 2; i++) for (const db of dbs) expect((await syncOnce(db.sqlite, new FolderTransport(folder))).ok).toBe(true);
};

describe('shared settings', () => {
  it('the team fields of the export defaults travel; the font stays this PC’s', async () => {
    const { folder, dbs } = await sharedReplicas(2);
    const [a, b] = dbs as [Db, Db];
    const otherFont = FONT_NAMES.find((f) => f !== DEFAULT_EXPORT_DEFAULTS.font)!;
    const before = readExportDefaults(a.sqlite);
    const after = { ...before, font: otherFont, revisionAuthor: '行革推進課', localGovernmentCode: '401005' };
    changeSettings(a.sqlite, [{ key: EXPORT_DEFAULTS_KEY, before, after }], '佐藤');
    await syncAll(dbs, folder);
    expect(readExportDefaults(b.sqlite)).toEqual({ ...DEFAULT_EXPORT_DEFAULTS, revisionAuthor: '行革推進課', localGovernmentCode: '401005' });
    expect(readExportDefaults(a.sqlite).font).toBe(otherFont);

    // B changes the author later: last writer wins on A, A's font untouched.
    const bNow = readExportDefaults(b.sqlite);
    changeSettings(b.sqlite, [{ key: EXPORT_DEFAULTS_KEY, before: bNow, after: { ...bNow, revisionAuthor: '市政変革推進室 (改)' } }], '鈴木');
    await syncAll(dbs, folder);
    expect(readExportDefaults(a.sqlite)).toEqual({ ...after, revisionAuthor: '市政変革推進室 (改)' });

    // A PC joining from A's snapshot keeps the team's fields but not A's font.
    const file = join(tempDir(), 'c.sqlite');
    await joinShare(folder, file, { pc: 'PC-3' });
    const c = await openDatabase(file);
    await syncAll([c], folder);
    expect(readExportDefaults(c.sqlite)).toEqual({ ...DEFAULT_EXPORT_DEFAULTS, revisionAuthor: '市政変革推進室 (改)', localGovernmentCode: '401005' });
    for (const db of [...dbs, c]) db.close();
  });
});
