// The team-sync multi-process test over PostgreSQL: three real processes on three SQLite files,
// editing at random, killed with SIGKILL at random moments and restarted, while the server is
// stopped and started once in the middle. After a final sync the three canonical exports are
// identical and every edit a process acknowledged (committed) is present everywhere.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShare, joinShare } from '../../../electron/services/sync/share';
import { setupXpwDatabase, startPg, type PgServer } from '../../helpers/postgres';
import { sampleDb, tempDir } from '../../helpers/temp';
import { reopenConverged, runKillRestart } from '../helpers';

let server: PgServer;
const savedEnv = process.env.XPW_PG_PASSWORD;

beforeAll(async () => {
  server = await startPg();
}, 60_000);
afterAll(() => {
  server?.destroy();
  if (savedEnv === undefined) delete process.env.XPW_PG_PASSWORD;
  else process.env.XPW_PG_PASSWORD = savedEnv;
});

describe('three processes over PostgreSQL, SIGKILLs, restarts and a server outage', () => {
  it('converge to identical exports with every acknowledged change present', async () => {
    const x = await setupXpwDatabase(server);
    process.env.XPW_PG_PASSWORD = x.client.password;
    const url = x.client.url;
    const first = await sampleDb();
    await createShare(first.sqlite, url, { name: 'テスト共有', user: '佐藤', pc: 'PC-1' });
    const files = [first.file];
    first.close();
    for (let i = 2; i <= 3; i++) {
      const file = join(tempDir(), 'xpw.sqlite');
      await joinShare(url, file, { pc: `PC-${i}` });
      files.push(file);
    }
    // The server goes away for a while in the middle of the run, then comes back.
    const ms = 6000;
    let stopped = false;
    let restarted = false;
    const outage = (elapsed: number) => {
      if (!stopped && elapsed > ms / 3) {
        server.stop();
        stopped = true;
      } else if (stopped && !restarted && elapsed > ms / 2) {
        server.start();
        restarted = true;
      }
    };
    const { acked, kills } = await runKillRestart(url, files, ms, outage).finally(() => {
      if (!restarted) server.start();
    });
    expect(stopped && restarted).toBe(true);
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(acked.size).toBeGreaterThan(20);
    for (const d of await reopenConverged(url, files, acked)) d.close();
  }, 90_000);
});
