// Handlers of the import channels (import-schemas.ts), spread into handlers.ts. The preview reads
// a whole file (a bureau's workbook can take a while): it runs as a job, with progress and cancel.
import type { z } from 'zod';
import { currentActor } from '../services/actor.js';
import type { JobRegistry } from '../services/export/jobs.js';
import { previewForScreen, previewImport, runImport } from '../services/import/import-file.js';
import { listImports } from '../services/import/list-imports.js';
import { undoImport } from '../services/import/undo-import.js';
import { toContractError } from './contract-error.js';
import type { Context } from './handlers.js';
import type { ImportInputs, ImportOutputs } from './import-schemas.js';

type ImportHandlers = { [C in keyof ImportOutputs]: (ctx: Context, input: z.output<ImportInputs[C]>) => ImportOutputs[C] | Promise<ImportOutputs[C]> };

const bytesOf = (data: string): Uint8Array => new Uint8Array(Buffer.from(data, 'base64'));

/** The job registry comes in as a parameter (it lives in handlers.ts), as for the backups' handlers. */
export const importHandlers = (jobs: JobRegistry): ImportHandlers => ({
  // Cancelling loses nothing: a preview only reads.
  'import.previewStart': (ctx, { file, options }) => {
    const bytes = bytesOf(file.data);
    return {
      jobId: jobs.startTask(
        async (onProgress) => {
          const { preview } = await previewImport(ctx.db, file.fileName, bytes, options, { onProgress });
          return { kind: 'importPreview', importPreview: previewForScreen(preview) };
        },
        (e) => toContractError(e, 'import.previewStart'),
      ),
    };
  },
  'import.commit': (ctx, { file, options }) => runImport(ctx.db, file.fileName, bytesOf(file.data), options, currentActor(ctx.db.sqlite)),
  'import.list': (ctx) => listImports(ctx.db.sqlite),
  'import.undo': (ctx, { importId }) => undoImport(ctx.db, importId, currentActor(ctx.db.sqlite)),
});
