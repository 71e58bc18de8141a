// Handlers of the publication (公表, a .zip of the website folder) and the X会議 pack (one PDF):
// jobs in the export registry, delivered like any export (save dialog / download).
import type { z } from 'zod';
import { DbError } from '../../db/errors.js';
import { getRound } from '../../db/queries/rounds.js';
import { currentActor } from '../services/actor.js';
import { MIME } from '../services/export/export-file.js';
import type { JobRegistry } from '../services/export/jobs.js';
import { buildMeetingPack } from '../services/pack/meeting-pack.js';
import { buildPublication, zipPublication } from '../services/publish/publish.js';
import type { Output } from './channels.js';
import { toContractError } from './contract-error.js';
import type { Context } from './handlers.js';
import type { handoutsInputs } from './handouts-schemas.js';

type In = typeof handoutsInputs;
type Handlers = { [C in keyof In]: (ctx: Context, input: z.output<In[C]>) => Output<C> };

export function handoutsHandlers(jobs: JobRegistry): Handlers {
  return {
    'publish.check': (ctx, input) => {
      const pub = buildPublication(ctx.db.sqlite, input);
      return { warnings: pub.warnings, files: pub.files.size, locked: getRound(ctx.db.sqlite, input.roundId)?.lockedAt != null };
    },
    'publish.start': (ctx, input) => {
      const host = ctx.host;
      if (!host) throw new DbError('INVALID', 'この画面からはファイルを出力できません');
      const { sqlite } = ctx.db;
      const jobId = jobs.start(
        async (onProgress) => {
          onProgress({ phase: '公表用のページを作っています', done: 0, total: 2 });
          const pub = buildPublication(sqlite, input);
          const bytes = await zipPublication(pub);
          onProgress({ phase: '保存しています', done: 1, total: 2 });
          const file = { fileName: `公表_${pub.roundLabel}.zip`, mime: 'application/zip', bytes, warnings: pub.warnings };
          const delivery = await host.deliver(file);
          return { fileName: file.fileName, warnings: file.warnings, size: bytes.length, delivery };
        },
        (e) => toContractError(e, 'publish.start'),
      );
      return { jobId };
    },
    'pack.start': (ctx, input) => {
      const host = ctx.host;
      if (!host) throw new DbError('INVALID', 'この画面からはファイルを出力できません');
      const { sqlite } = ctx.db;
      const author = currentActor(sqlite);
      const jobId = jobs.start(
        async (onProgress) => {
          // Said by the job (the dialog shows it), so that the request itself is always answered.
          const printer = host.printer;
          if (!printer) throw new DbError('INVALID', 'PDFを印刷する仕組みがありません (Chromiumが必要です)');
          const pack = await buildMeetingPack(sqlite, input, printer, { author, onProgress });
          const file = { fileName: pack.fileName, mime: MIME.pdf, bytes: pack.bytes, warnings: pack.warnings };
          const delivery = await host.deliver(file);
          return { fileName: file.fileName, warnings: file.warnings, size: pack.bytes.length, delivery };
        },
        (e) => toContractError(e, 'pack.start'),
      );
      return { jobId };
    },
  };
}
