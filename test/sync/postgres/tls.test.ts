// TLS settings travel from the URL to the driver unchanged: against a server with a certificate
// from a test CA, verify-full with that CA connects over TLS (pg_stat_ssl says so); without the
// CA the certificate is refused; a missing CA file is named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgTransport } from '../../../electron/services/sync/postgres/pg-transport';
import { setupXpwDatabase, startPg, type PgServer, type XpwDatabase } from '../../helpers/postgres';

let server: PgServer & { caFile?: string };
let db: XpwDatabase;

beforeAll(async () => {
  server = await startPg({ tls: true });
  db = await setupXpwDatabase(server);
}, 60_000);
afterAll(() => server?.destroy());

describe('PostgreSQL over TLS', () => {
  it('verify-full with the city CA connects encrypted; without it the server certificate is refused', async () => {
    const ok = new PgTransport(`${db.client.url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(server.caFile!)}`, { password: db.client.password, attempts: 1 });
    const encrypted = await ok.session(async (c) => (await c.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl as boolean);
    ok.close();
    expect(encrypted).toBe(true);
    const plain = new PgTransport(db.client.url, { password: db.client.password, attempts: 1 });
    expect(await plain.session(async (c) => (await c.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl as boolean)).toBe(false);
    plain.close();
    await expect(new PgTransport(`${db.client.url}?sslmode=verify-full`, { password: db.client.password, attempts: 1 }).pull('')).rejects.toThrow(/self[- ]signed|unable to verify|certificate/i);
    await expect(new PgTransport(`${db.client.url}?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem`, { password: db.client.password, attempts: 1 }).pull('')).rejects.toThrow(/ENOENT|nonexistent/);
  });
});
