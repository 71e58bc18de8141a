// The grid's layout per user in the database (electron/services/settings/grid-layout.ts): this
// PC's setting, validated when read back, never part of what the team compares or shares.
import { describe, expect, it } from 'vitest';
import { GRID_LAYOUT_KEY, readGridLayout, saveGridLayout } from '../../electron/services/settings/grid-layout';
import { syncCanonicalDump } from '../../electron/services/snapshot/sync-canonical';
import { readSetting } from '../../db/queries/settings';
import { writeSetting } from '../../db/write/settings';
import { sampleDb } from '../helpers/temp';

const layout = { sizing: { title: 420 }, hidden: ['updatedBy'], order: ['organization', 'number'], wrap: true, paneWidth: 520 };

describe('the grid layout setting', () => {
  it('keeps one layout per user, and none for a user who saved none', async () => {
    const db = await sampleDb();
    expect(readGridLayout(db.sqlite, '山田')).toBeNull();
    saveGridLayout(db.sqlite, '山田', layout);
    saveGridLayout(db.sqlite, '佐藤', { ...layout, wrap: false });
    expect(readGridLayout(db.sqlite, '山田')).toEqual(layout);
    expect(readGridLayout(db.sqlite, '佐藤')).toMatchObject({ wrap: false });
    expect(readGridLayout(db.sqlite, '鈴木')).toBeNull();
    db.close();
  });

  it('ignores a stored layout that no longer validates', async () => {
    const db = await sampleDb();
    writeSetting(db.sqlite, GRID_LAYOUT_KEY, { 山田: { sizing: { title: 'wide' }, hidden: [], order: [], wrap: false, paneWidth: 0 } });
    expect(readGridLayout(db.sqlite, '山田')).toBeNull();
    saveGridLayout(db.sqlite, '山田', layout);
    expect(readGridLayout(db.sqlite, '山田')).toEqual(layout);
    db.close();
  });

  it('keeps the 50 users who saved last', async () => {
    const db = await sampleDb();
    for (let i = 0; i < 55; i++) saveGridLayout(db.sqlite, `user${i}`, layout);
    const kept = Object.keys(readSetting(db.sqlite, GRID_LAYOUT_KEY) as object);
    expect(kept).toHaveLength(50);
    expect(kept).not.toContain('user4');
    expect(kept.at(-1)).toBe('user54');
    db.close();
  });

  it("is this PC's own: not in what the team's PCs compare", async () => {
    const db = await sampleDb();
    const before = syncCanonicalDump(db.sqlite);
    saveGridLayout(db.sqlite, '山田', layout);
    expect(syncCanonicalDump(db.sqlite)).toBe(before);
    db.close();
  });
});
