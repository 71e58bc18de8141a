// The export dialog remembers the last choices (per kind, and which kind was last), in the
// database's settings so they travel with the data. Read back through the schema: a stored
// value that no longer validates is ignored, never trusted.
import type Database from 'better-sqlite3';
import { readSetting } from '../../../db/queries/settings.js';
import { writeSetting } from '../../../db/write/settings.js';
import { exportRequestSchema, type ExportKind, type ExportRequest } from './options.js';

const KEY = 'export.last';

export interface LastChoices {
  kind: ExportKind | null;
  byKind: Partial<Record<ExportKind, ExportRequest>>;
}

export function readLastChoices(sqlite: Database.Database): LastChoices {
  const raw = readSetting(sqlite, KEY) as { kind?: unknown; byKind?: Record<string, unknown> } | undefined;
  const out: LastChoices = { kind: null, byKind: {} };
  if (!raw || typeof raw !== 'object') return out;
  for (const value of Object.values(raw.byKind ?? {})) {
    const parsed = exportRequestSchema.safeParse(value);
    if (parsed.success) out.byKind[parsed.data.kind] = parsed.data;
  }
  if (typeof raw.kind === 'string' && raw.kind in out.byKind) out.kind = raw.kind as ExportKind;
  return out;
}

export function rememberChoice(sqlite: Database.Database, req: ExportRequest): void {
  const last = readLastChoices(sqlite);
  writeSetting(sqlite, KEY, { kind: req.kind, byKind: { ...last.byKind, [req.kind]: req } });
}
