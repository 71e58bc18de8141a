// The app's process layout for joining a PostgreSQL share and forgetting its password: the
// contract runs in the worker threads, the sealed store (safeStorage) in the host. The join job
// seals the password through the host op once the server took it; forgetting removes it from the
// host's store (host op) and from the long lane's memory, so syncing asks for it. The first-start
// offer comes from the long lane, which made the database from the sample.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, Output, Reply } from '../../electron/contract/channels';
import type { Host } from '../../electron/contract/host';
import { createShare } from '../../electron/services/sync/share';
import { redactUrl } from '../../electron/services/sync/postgres/connection-options';
import { ContractWorkers } from '../../electron/worker/contract-workers';
import { setupXpwDatabase, startPg, type PgServer } from '../helpers/postgres';
import { sampleDb, tempDir } from '../helpers/temp';

let server: PgServer;
beforeAll(async () => {
  delete process.env.XPW_PG_PASSWORD;
  delete process.env.PGPASSWORD;
  server = await startPg();
}, 60_000);
afterAll(() => server?.destroy());

const call = async <C extends Channel>(w: ContractWorkers, channel: C, input: unknown) => (await w.call(channel, input)) as Reply<C>;
const ok = async <C extends Channel>(w: ContractWorkers, channel: C, input: unknown): Promise<Output<C>> => {
  const reply = await call(w, channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.data;
};

describe('joining a PostgreSQL share through the contract workers', () => {
  it('offers the join on an empty profile, seals the password through the host, forgets it there and in the worker', async () => {
    const x = await setupXpwDatabase(server, 'xpw_workers_join', 'xpw_app');
    const lead = await sampleDb();
    await createShare(lead.sqlite, x.client.url.replace(`//${x.client.user}@`, `//${x.client.user}:${x.client.password}@`), { name: '市役所', user: '佐藤', pc: 'PC-A' });
    lead.close();

    const sealed = new Map<string, string>();
    const host: Host = {
      deliver: () => Promise.reject(new Error('unused')),
      savePgPassword: (url, pw) => void sealed.set(redactUrl(url), pw),
      forgetPgPassword: (url) => void sealed.delete(redactUrl(url)),
    };
    // An empty profile: the long lane makes the database from the sample at this start.
    const file = join(tempDir(), 'xpw.sqlite');
    const w = await ContractWorkers.start({ baseDir: tempDir(), file, sampleIfNew: true, host, log: () => undefined });
    try {
      expect(await ok(w, 'share.offer', {})).toEqual({ offer: true });
      const { jobId } = await ok(w, 'share.joinStart', { location: x.client.url, password: x.client.password });
      let status = await ok(w, 'export.status', { jobId });
      while (status.state === 'running') {
        await new Promise((r) => setTimeout(r, 100));
        status = await ok(w, 'export.status', { jobId });
      }
      expect(status, JSON.stringify(status.error)).toMatchObject({ state: 'done' });
      expect([...sealed]).toEqual([[x.client.url, x.client.password]]);
      expect(await ok(w, 'share.offer', {})).toEqual({ offer: false });
      expect(await ok(w, 'share.current', {})).toMatchObject({ joined: true, name: '市役所', server: true, password: 'sealed', canSeal: true });
      expect(await ok(w, 'sync.now', {})).toMatchObject({ error: null });

      expect(await ok(w, 'share.forgetPassword', {})).toMatchObject({ password: null });
      expect(sealed.size).toBe(0);
      expect(await call(w, 'sync.now', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/のパスワードが保存されていません/) } });
    } finally {
      await w.close();
    }
  }, 90_000);
});
