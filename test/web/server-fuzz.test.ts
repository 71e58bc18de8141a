// Raw requests against the real preview process (loopback only, bounded in count and time):
// every malformed request — path, escapes, method, headers, body — gets a 4xx answer, and the
// server is still up and serving the app afterwards. Before the guard, `GET //` ended the process.
import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startPreview } from '../helpers/preview';
import { sampleDb, tempDbPath } from '../helpers/temp';

const file = tempDbPath();
(await sampleDb(file)).close();
const preview = await startPreview(file);
afterAll(() => preview.stop());
const port = Number(new URL(preview.origin).port);
const T = preview.token;

/** Sends bytes on a fresh connection; resolves with the status code of the answer (0: closed without one). */
function raw(request: string | Buffer, timeoutMs = 5_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(String(request).slice(0, 120))}`));
    }, timeoutMs);
    const finish = (status: number) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    socket.on('data', (c: Buffer) => {
      got += c.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(got);
      if (m) finish(Number(m[1]));
    });
    socket.on('error', () => finish(0));
    socket.on('close', () => finish(0));
    socket.write(request);
  });
}

const HOST = `Host: 127.0.0.1:${port}`;
const get = (target: string, extra = '') => `GET ${target} HTTP/1.1\r\n${HOST}\r\n${extra}Connection: close\r\n\r\n`;
const post = (target: string, body: string | Buffer, headers: string) =>
  Buffer.concat([
    Buffer.from(`POST ${target} HTTP/1.1\r\n${HOST}\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`, 'latin1'),
    Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  ]);
const apiHeaders = `X-XPW-Token: ${T}\r\nContent-Type: application/json\r\n`;

async function stillServing(): Promise<void> {
  expect(await raw(get(`/?token=${T}`))).toBe(200);
  const reply = await fetch(`${preview.origin}/api/rounds.list`, { method: 'POST', headers: { 'X-XPW-Token': T, 'Content-Type': 'application/json' }, body: '{}' });
  expect(reply.status).toBe(200);
}

const MALFORMED: [string, string | Buffer][] = [
  ['//', get('//')],
  ['///', get('///')],
  ['//@', get('//@')],
  ['//[', get('//[')],
  ['//[ with token', get(`//[?token=${T}`)],
  ['/\\\\host', get(`/\\\\evil.example/?token=${T}`)],
  ['broken escape /%E0', get(`/%E0?token=${T}`)],
  ['broken escape /100%', get(`/100%?token=${T}`)],
  ['NUL escape', get(`/a%00b.js?token=${T}`)],
  ['escape in the query', get('/?token=%E0%')],
  ['absolute form', get(`http://127.0.0.1:${port}/?token=${T}`)],
  ['asterisk form', `OPTIONS * HTTP/1.1\r\n${HOST}\r\n\r\n`],
  ['unknown method', `BREW / HTTP/1.1\r\n${HOST}\r\n\r\n`],
  ['DELETE', `DELETE /?token=${T} HTTP/1.1\r\n${HOST}\r\n\r\n`],
  ['TRACE', `TRACE /?token=${T} HTTP/1.1\r\n${HOST}\r\n\r\n`],
  ['PROPFIND', `PROPFIND /?token=${T} HTTP/1.1\r\n${HOST}\r\n\r\n`],
  ['CONNECT', `CONNECT 127.0.0.1:22 HTTP/1.1\r\n${HOST}\r\n\r\n`],
  ['Upgrade', get(`/?token=${T}`, 'Upgrade: websocket\r\nConnection: Upgrade\r\n').replace('Connection: close\r\n', '')],
  ['no Host', `GET /?token=${T} HTTP/1.1\r\nConnection: close\r\n\r\n`],
  ['foreign Host (DNS rebinding)', `GET /?token=${T} HTTP/1.1\r\nHost: attacker.example:${port}\r\nConnection: close\r\n\r\n`],
  ['HTTP/1.0 without Host', `GET /?token=${T} HTTP/1.0\r\n\r\n`],
  ['control character in a header', get(`/?token=${T}`, 'X-Odd: a\u0001b\r\n')],
  ['header without colon', get(`/?token=${T}`, 'NoColonHere\r\n')],
  ['oversized header', get(`/?token=${T}`, `X-Big: ${'a'.repeat(20_000)}\r\n`)],
  ['bad Content-Length', `POST /api/rounds.list HTTP/1.1\r\n${HOST}\r\n${apiHeaders}Content-Length: -1\r\n\r\n`],
  ['Content-Length and chunked', `POST /api/rounds.list HTTP/1.1\r\n${HOST}\r\n${apiHeaders}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
  ['broken chunk', `POST /api/rounds.list HTTP/1.1\r\n${HOST}\r\n${apiHeaders}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
  ['declared body too large', `POST /api/rounds.list HTTP/1.1\r\n${HOST}\r\n${apiHeaders}Content-Length: 99999999999\r\n\r\n`],
  ['GET on /api', get(`/api/rounds.list?token=${T}`)],
  ['api: body not JSON', post('/api/rounds.list', '{not json', apiHeaders)],
  ['api: invalid UTF-8', post('/api/rounds.list', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), apiHeaders)],
  ['api: JSON of the wrong shape', post('/api/summary.get', '[1,2,3]', apiHeaders)],
  ['api: unknown channel', post('/api/%E0%zz', '{}', apiHeaders)],
  ['api: deep nesting', post('/api/summary.get', `${'['.repeat(5_000)}${']'.repeat(5_000)}`, apiHeaders)],
];

describe('preview server under malformed requests', () => {
  it.each(MALFORMED)('%s gets a 4xx and the server stays up', async (_name, request) => {
    const status = await raw(request);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it('is still serving after the malformed requests', stillServing);

  it('answers a bounded stream of generated malformed requests with 4xx (seeded, loopback only)', async () => {
    let seed = 0x5eed1234;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const junkChars = ['/', '%', '%E0', '%zz', '%', '@', '[', ']', ':', '..', '%00', '~', 'あ', '%C0%AF', '?', '&', '=', ';', 'api'];
    const junk = (len: number) => Array.from({ length: len }, () => junkChars[rand(junkChars.length)]!).join('');
    const ascii = (len: number) => Array.from({ length: len }, () => String.fromCharCode(33 + rand(94))).join('');
    const mutators: (() => string | Buffer)[] = [
      () => get(`//${junk(1 + rand(6))}`),
      () => get(`/x${junk(rand(4))}%${'GHIJKLMNOPQRSTUVWXYZ'[rand(20)]}${junk(rand(3))}?token=${T}`),
      () => `${'QWXZJKVY'[rand(8)]}${ascii(2 + rand(6)).replace(/[^A-Z]/g, 'Q')} / HTTP/1.1\r\n${HOST}\r\n\r\n`,
      () => get(`/?token=${T}`, `X-${ascii(3)}: ${ascii(rand(10))}\u0000${ascii(rand(10))}\r\n`),
      () => `GET /?token=${T} HTTP/1.1\r\nHost: ${ascii(1 + rand(20)).replace(/[\r\n]/g, '')}\r\nConnection: close\r\n\r\n`,
      () => post('/api/summary.get', Buffer.from(Array.from({ length: rand(200) }, () => rand(256))), apiHeaders),
      () => post('/api/summary.get', `{"roundId":${ascii(1 + rand(8))}`, apiHeaders),
      () => post('/api/rounds.list', '{}', `X-XPW-Token: ${T}\r\nContent-Type: ${['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', ascii(5)][rand(4)]}\r\n`),
      () => post('/api/rounds.list', '{}', `${apiHeaders}Sec-Fetch-Site: ${['cross-site', 'same-site', 'none', ascii(4)][rand(4)]}\r\n`),
      () => post('/api/rounds.list', '{}', `${apiHeaders}Origin: http://127.0.0.1:${(port + 1 + rand(100)) % 65536}\r\n`),
    ];
    const started = Date.now();
    let answered = 0;
    for (let i = 0; i < 300 && Date.now() - started < 60_000; i++) {
      const request = mutators[rand(mutators.length)]!();
      const status = await raw(request);
      if (status < 400 || status >= 500) throw new Error(`request ${i} got ${status}: ${JSON.stringify(String(request).slice(0, 200))}`);
      answered++;
    }
    expect(answered).toBeGreaterThan(100);
    await stillServing();
  }, 90_000);
});
