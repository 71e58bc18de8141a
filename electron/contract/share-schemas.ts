// The contract's channels for joining a shared dataset from the app and for the saved PostgreSQL
// password (issues 12/13, 設定 → 共有 and the first start): input schemas here, spread into
// `inputs` in channels.ts; handlers in share-handlers.ts. All run on the long lane (lanes.ts).
import { z } from 'zod';
import type { ShareSummary } from '../services/sync/join-here.js';

/** A folder (a handle from the app's chooser, or in the preview a typed path under --allow-dir) or postgresql://… */
const location = z
  .string()
  .trim()
  .min(1, { message: '共有フォルダかサーバーのURLを指定してください' })
  .max(2000)
  .refine((p) => ![...p].some((c) => c.charCodeAt(0) < 0x20), { message: '制御文字を含む場所は使えません' });
const password = z.string().min(1, { message: 'パスワードを入力してください' }).max(500);

export const shareInputs = {
  /** Whether to offer 「共有フォルダから参加」 now: this start made the database from the sample and it is not joined. */
  'share.offer': z.strictObject({}),
  /** What a share holds (name, data version, issues, PCs, last activity), read before joining. */
  'share.inspect': z.strictObject({ location, password: password.optional() }),
  /**
   * Makes this database a copy of the share (a job with progress: export.status). `rebuild`:
   * rebuilds this PC's copy from the share it is joined to. The current data is kept
   * as a verified backup (理由「共有から参加前」).
   */
  'share.joinStart': z.union([z.strictObject({ location, password: password.optional() }), z.strictObject({ rebuild: z.literal(true) })]),
  /** The share this PC is joined to, its name, and where a server's password is kept. */
  'share.current': z.strictObject({}),
  /** A new password for the joined server: tried first (a login), saved only if it works. */
  'share.setPassword': z.strictObject({ password }),
  /** Forgets the saved password: syncing then asks for it. */
  'share.forgetPassword': z.strictObject({}),
} as const;

export type ShareInputs = typeof shareInputs;

export interface ShareCurrent {
  joined: boolean;
  location: string | null;
  /** The dataset's name (null for a share joined before names were kept on the PC). */
  name: string | null;
  server: boolean;
  /**
   * A server's password: 'sealed' — saved with the OS's protection (Electron safeStorage; DPAPI
   * on Windows); 'memory' — this preview session only; 'environment' — XPW_PG_PASSWORD / a
   * password file, set outside the app; null — none (syncing needs it).
   */
  password: 'sealed' | 'memory' | 'environment' | null;
  /** The app can seal a password (false in the browser preview). */
  canSeal: boolean;
}

export interface ShareOutputs {
  'share.offer': { offer: boolean };
  'share.inspect': ShareSummary;
  'share.joinStart': { jobId: string };
  'share.current': ShareCurrent;
  'share.setPassword': ShareCurrent;
  'share.forgetPassword': ShareCurrent;
}

export type { ShareSummary, JoinHereResult } from '../services/sync/join-here.js';
