// Input shapes of the rounds, scales and audit channels (issue 6), kept beside channels.ts so
// that file stays a readable list of channels. Meaning (real dates, unique labels …) is checked
// by db/queries; here only shape and size.
import { z } from 'zod';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const level = z.enum(['A', 'B', 'C']);

export const roundFieldsSchema = z.strictObject({
  label: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(100),
  asOf: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'YYYY-MM か YYYY-MM-DD で指定してください'),
  meetingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD で指定してください').nullable(),
  scaleId: id,
});

export const newRoundSchema = roundFieldsSchema.extend({ carryFromRoundId: id.nullable().optional() });

export const scaleInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(40),
  ranks: z
    .array(
      z.strictObject({
        value: z.string().trim().min(1).max(20),
        label: z.string().trim().min(1).max(40),
        definition: z.string().max(500),
      }),
    )
    .min(1)
    .max(10),
});

export const moversSchema = z.strictObject({
  fromRoundId: id,
  toRoundId: id,
  organizationIds: z.array(id).max(1000).optional(),
  levels: z.array(level).max(3).optional(),
});

const instant = z.iso.datetime({ offset: false });

export const auditFilterSchema = z.strictObject({
  actor: z.string().min(1).max(100).optional(),
  /** The readable key (会計-A-1); resolved by the handler. */
  issueKey: z.string().trim().min(1).max(100).optional(),
  roundId: id.optional(),
  entity: z.string().min(1).max(40).optional(),
  from: instant.optional(),
  to: instant.optional(),
});

export const auditListSchema = auditFilterSchema.extend({
  after: z.strictObject({ at: instant, id }).optional(),
  limit: z.number().int().min(1).max(500),
});
