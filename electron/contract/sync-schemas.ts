// The contract's channels for team sync (issue 12): input schemas here, spread into `inputs` in
// channels.ts; handlers in sync-handlers.ts.
import { z } from 'zod';
import type { IssueSyncInfo, SyncView } from '../services/sync/sync-view.js';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const syncInputs = {
  'sync.status': z.strictObject({}),
  'sync.issue': z.strictObject({ issueId: id, roundId: id }),
  'sync.resolve': z.strictObject({
    kind: z.enum(['note', 'rules', 'version', 'scale']),
    key: z.record(z.string().max(200), z.string().max(200)),
    field: z.string().max(40),
    value: z.unknown(),
  }),
  'sync.create': z.strictObject({
    dir: z.string().trim().min(1, { message: '共有フォルダを指定してください' }).max(1000),
    name: z.string().trim().min(1).max(100).optional(),
    /** For a PostgreSQL server (dir = postgresql://…): kept by the OS's protection, never in settings. */
    password: z.string().min(1).max(500).optional(),
  }),
  'sync.now': z.strictObject({}),
} as const;

export type SyncInputs = typeof syncInputs;

export interface SyncOutputs {
  'sync.status': SyncView;
  'sync.issue': IssueSyncInfo;
  'sync.resolve': IssueSyncInfo | null;
  'sync.create': SyncView;
  'sync.now': SyncView;
}
