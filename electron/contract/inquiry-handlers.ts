// Handlers of the inquiry channels (inquiry-schemas.ts), spread into handlers.ts. The forms of
// one inquiry go out as one .zip (one workbook per 局区) through the host: the Save dialog in the
// app, a download in the browser preview.
import { zipSync } from 'fflate';
import type { z } from 'zod';
import { DbError } from '../../db/errors.js';
import { currentActor } from '../services/actor.js';
import { safeFileName } from '../services/export/file-name.js';
import { collectReturns } from '../services/inquiry/collect-returns.js';
import { generateInquiry } from '../services/inquiry/generate-inquiry.js';
import { inquiryBoard } from '../services/inquiry/inquiry-board.js';
import { previewReturns } from '../services/inquiry/preview-returns.js';
import type { JobRegistry } from '../services/export/jobs.js';
import { toContractError } from './contract-error.js';
import type { Context } from './handlers.js';
import type { InquiryInputs, InquiryOutputs } from './inquiry-schemas.js';

type InquiryHandlers = { [C in keyof InquiryOutputs]: (ctx: Context, input: z.output<InquiryInputs[C]>) => InquiryOutputs[C] | Promise<InquiryOutputs[C]> };

const returnFiles = (files: { fileName: string; data: string }[]) =>
  files.map((f) => ({ fileName: f.fileName, bytes: new Uint8Array(Buffer.from(f.data, 'base64')) }));

/** The job registry comes in as a parameter (it lives in handlers.ts), as for the backups' handlers. */
export const inquiryHandlers = (jobs: JobRegistry): InquiryHandlers => ({
  'inquiry.board': (ctx, { inquiryId }) => inquiryBoard(ctx.db, inquiryId),
  'inquiry.generate': async (ctx, options) => {
    const host = ctx.host;
    if (!host) throw new DbError('INVALID', 'この画面からは様式を保存できません');
    const generated = await generateInquiry(ctx.db, { ...options, actor: currentActor(ctx.db.sqlite) });
    const bytes = zipSync(Object.fromEntries(generated.files.map((f) => [f.fileName, f.bytes])), { level: 6 });
    const fileName = safeFileName(`照会_${generated.label}_${generated.files.length}局区`) + '.zip';
    const delivery = await host.deliver({ fileName, mime: 'application/zip', bytes, warnings: [] });
    return { inquiryId: generated.inquiryId, label: generated.label, forms: generated.files.length, fileName, delivery };
  },
  // Reading many bureaus' workbooks takes a while: a job with progress; cancelling loses nothing (it only reads).
  'inquiry.previewStart': (ctx, { files, inquiryId }) => {
    const returns = returnFiles(files);
    return {
      jobId: jobs.startTask(
        async (onProgress) => ({ kind: 'returnsPreview', returnsPreview: await previewReturns(ctx.db, returns, { inquiryId }, onProgress) }),
        (e) => toContractError(e, 'inquiry.previewStart'),
      ),
    };
  },
  'inquiry.collect': (ctx, { files, inquiryId, choices }) =>
    collectReturns(ctx.db, returnFiles(files), { inquiryId, choices, actor: currentActor(ctx.db.sqlite) }),
});
