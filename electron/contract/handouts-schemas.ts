// The contract's channels for the publication (公表) and the X会議 pack (issue 15 §4–5): input
// schemas here, spread into `inputs` in channels.ts; handlers in handouts-handlers.ts. Both run
// as jobs followed with export.status, like the handouts.
import { z } from 'zod';
import { FONT_NAMES } from '../services/export/fonts.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const publishOptions = z.strictObject({
  roundId: id,
  /** Internal fields, each only when ticked. */
  comments: z.boolean().default(false),
  notes: z.boolean().default(false),
  history: z.boolean().default(false),
});

export const handoutsInputs = {
  /** What publishing would say before it is done: warnings (an unlocked round …) and counts. */
  'publish.check': publishOptions,
  'publish.start': publishOptions,
  'pack.start': z.strictObject({
    roundId: id,
    meetingName: z.string().trim().min(1).max(60).optional(),
    materials: z.array(z.enum(['report', 'compare', 'org'])).min(1).max(3).optional(),
    font: z.enum(FONT_NAMES).optional(),
    seireki: z.boolean().default(false),
  }),
} as const;

export interface PublishCheck {
  warnings: string[];
  files: number;
  locked: boolean;
}

export interface HandoutsOutputs {
  'publish.check': PublishCheck;
  'publish.start': { jobId: string };
  'pack.start': { jobId: string };
}
