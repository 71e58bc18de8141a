// The contract's channels for the inquiry (照会) round trip (issue 5 §3): input schemas here,
// spread into `inputs` in channels.ts; handlers in inquiry-handlers.ts.
import { z } from 'zod';
import type { Delivery } from '../services/export/jobs.js';
import type { InquiryBoard } from '../services/inquiry/inquiry-board.js';
import type { CollectResult, ReturnsPreview } from '../services/inquiry/return-types.js';
import { importFileSchema } from './import-schemas.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const files = z.array(importFileSchema).min(1, { message: '回答のファイルを選んでください' }).max(200);

export const inquiryInputs = {
  'inquiry.board': z.strictObject({ inquiryId: id.optional() }),
  'inquiry.generate': z.strictObject({
    label: z.string().trim().min(1).max(40).optional(),
    title: z.string().trim().min(1).max(100).optional(),
    organizationIds: z.array(id).max(1000).optional(),
    levels: z.array(z.enum(['A', 'B', 'C'])).min(1).max(3).optional(),
    deadline: z.iso.date({ message: '提出期限は YYYY-MM-DD の形で指定してください' }).nullable().optional(),
  }),
  /** The returns' preview as a job: export.status shows its steps and at the end `returnsPreview`; jobs.cancel stops it. */
  'inquiry.previewStart': z.strictObject({ files, inquiryId: id.optional() }),
  'inquiry.collect': z.strictObject({
    files,
    inquiryId: id.optional(),
    choices: z.record(z.string().regex(/^\d+$/), z.enum(['theirs', 'skip'])).optional(),
  }),
} as const;

export type InquiryInputs = typeof inquiryInputs;

export interface InquiryGenerated {
  inquiryId: number;
  label: string;
  forms: number;
  fileName: string;
  delivery: Delivery;
}

export interface InquiryOutputs {
  'inquiry.board': InquiryBoard;
  'inquiry.generate': InquiryGenerated;
  'inquiry.previewStart': { jobId: string };
  'inquiry.collect': CollectResult;
}

export type { CollectResult, InquiryBoard, ReturnsPreview };
