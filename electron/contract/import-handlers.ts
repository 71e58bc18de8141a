// Handlers of the import channels (import-schemas.ts), spread into handlers.ts.
import type { z } from 'zod';
import { currentActor } from '../services/actor.js';
import { previewImport, runImport } from '../services/import/import-file.js';
import { listImports } from '../services/import/list-imports.js';
import { undoImport } from '../services/import/undo-import.js';
import type { Context } from './handlers.js';
import type { ImportInputs, ImportOutputs } from './import-schemas.js';

type ImportHandlers = { [C in keyof ImportOutputs]: (ctx: Context, input: z.output<ImportInputs[C]>) => ImportOutputs[C] | Promise<ImportOutputs[C]> };

/** Rows sent to the screen: every rejected and changed row first (they need a look), up to this many. */
const ROWS_SHOWN = 3000;

const bytesOf = (data: string): Uint8Array => new Uint8Array(Buffer.from(data, 'base64'));

export const importHandlers: ImportHandlers = {
  'import.preview': async (ctx, { file, options }) => {
    const { preview } = await previewImport(ctx.db, file.fileName, bytesOf(file.data), options);
    const order = { rejected: 0, changed: 1, new: 2, unchanged: 3 } as const;
    const rows = [...preview.rows].sort((a, b) => order[a.status] - order[b.status] || a.line - b.line).slice(0, ROWS_SHOWN);
    return { ...preview, rows, rowsShown: rows.length };
  },
  'import.commit': (ctx, { file, options }) => runImport(ctx.db, file.fileName, bytesOf(file.data), options, currentActor(ctx.db.sqlite)),
  'import.list': (ctx) => listImports(ctx.db.sqlite),
  'import.undo': (ctx, { importId }) => undoImport(ctx.db, importId, currentActor(ctx.db.sqlite)),
};
