// A PostgreSQL share in the app's process layout: the database and the sync run in the contract
// workers, safeStorage stays in the main process. 設定 → 共有's password goes from the long lane to
// the host's sealed store (host op), and after a restart the host hands the unsealed passwords to
// the long lane in its start message — its background sync pass then logs in with them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Output, Reply } from '../../../electron/contract/channels';
import type { Host } from '../../../electron/contract/host';
import { redactUrl } from '../../../electron/services/sync/postgres/connection-options';
import { ContractWorkers } from '../../../electron/worker/contract-workers';
import { startPg, setupXpwDatabase, type PgServer } from '../../helpers/postgres';
import { sampleDb, tempDir } from '../../helpers/temp';

let server: PgServer;
beforeAll(async () => {
  delete process.env.XPW_PG_PASSWORD;
  delete process.env.PGPASSWORD;
  server = await startPg();
}, 60_000);
afterAll(() => {
  delete process.env.XPW_SYNC_INTERVAL_MS;
  server?.destroy();
});

const ok = async <C extends Channel>(w: ContractWorkers, channel: C, input: unknown): Promise<Output<C>> => {
  const reply = (await w.call(channel, input)) as Reply<C>;
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.data;
};

describe('PostgreSQL share through the contract workers', () => {
  it('the password is sealed by the host, handed back at start, and the long lane syncs in the background', async () => {
    const x = await setupXpwDatabase(server, 'xpw_workers', 'xpw_app_workers');
    const seeded = await sampleDb();
    const file = seeded.file;
    seeded.close();
    // The host's store (the app: safeStorage in electron/main/pg-secrets.ts).
    const sealed = new Map<string, string>();
    const host: Host = { deliver: () => Promise.reject(new Error('unused')), savePgPassword: (url, pw) => void sealed.set(redactUrl(url), pw) };

    const first = await ContractWorkers.start({ baseDir: tempDir(), file, plain: true, host, log: () => undefined });
    try {
      const created = await ok(first, 'sync.create', { dir: x.client.url, name: '市役所', password: x.client.password });
      expect(created).toMatchObject({ joined: true, location: x.client.url });
      expect([...sealed]).toEqual([[x.client.url, x.client.password]]);
    } finally {
      await first.close();
    }

    // Next start: no sync.now — the long lane's background pass sends a 所見 typed on the quick lane.
    process.env.XPW_SYNC_INTERVAL_MS = '200';
    const second = await ContractWorkers.start({ baseDir: tempDir(), file, plain: true, host, syncLoop: true, pgPasswords: () => Object.fromEntries(sealed), log: () => undefined });
    try {
      await ok(second, 'evaluations.setComment', { issueId: 1, roundId: 1, comment: '作業者スレッドから共有' });
      let view = await ok(second, 'sync.status', {});
      const until = Date.now() + 20_000;
      while ((view.pending > 0 || view.lastSyncAt === null) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 200));
        view = await ok(second, 'sync.status', {});
      }
      expect(view).toMatchObject({ pending: 0, error: null });
    } finally {
      await second.close();
    }
  }, 90_000);
});
