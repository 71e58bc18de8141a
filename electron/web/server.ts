// The browser preview: serves the built renderer and the contract over HTTP on 127.0.0.1 only.
// A random token per start is required: the printed URL (?token=…) opens the page and sets an
// HttpOnly SameSite=Strict cookie for the page's own files (a separate random key, named after
// the port); /api takes the token only in the X-XPW-Token header (api-guard.ts). Anything else
// gets 403. Malformed requests of any kind get a 4xx and the server stays up (request-guard.ts).
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Host } from '../contract/host.js';
import type { PdfPrinter } from '../services/export/pdf/print-settings.js';
import { apiRefusal, sameToken } from './api-guard.js';
import { DownloadStore } from './downloads.js';
import { ALLOWED_METHODS, guarded, guardServer, hostAllowed, reply } from './request-guard.js';
import { decodedFilePath, parseTarget } from './request-target.js';
import { SECURITY_HEADERS } from './security.js';

const MAX_BODY = 1_000_000;
/** Imports carry the file (up to 50 MB) as base64. */
const MAX_FILE_BODY = 72_000_000;
const bodyLimit = (channel: string) => (channel.startsWith('import.') || channel.startsWith('inquiry.') ? MAX_FILE_BODY : MAX_BODY);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export interface PreviewServer {
  url: string;
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Where the contract is served: the contract workers (electron/worker/contract-workers.ts). */
export interface ContractEndpoint {
  call(channel: string, payload: unknown): Promise<unknown>;
  /** The server's printer and downloads, for the exports the workers run. */
  setHost(host: Host): void;
}

export interface PreviewOptions {
  contract: ContractEndpoint;
  rendererDir: string;
  port?: number;
  /** Prints PDF exports (a system Chromium); without it only Word/Excel/CSV can be exported. */
  printer?: PdfPrinter;
}

const send = reply;

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const m = new RegExp(`(?:^|;\\s*)${name}=([A-Za-z0-9_-]+)`).exec(req.headers.cookie ?? '');
  return m?.[1];
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleApi(contract: ContractEndpoint, channel: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (!(declared <= bodyLimit(channel))) {
    const reply = { ok: false, error: { code: 'INVALID_INPUT', message: '要求が大きすぎます (ファイルは 50 MB まで)' } };
    return send(res, 413, JSON.stringify(reply), TYPES['.json']);
  }
  let payload: unknown;
  try {
    const body = await readBody(req, bodyLimit(channel));
    payload = body ? JSON.parse(body) : {};
  } catch (e) {
    const tooLarge = e instanceof Error && e.message === 'too large';
    const message = tooLarge ? '要求が大きすぎます (ファイルは 50 MB まで)' : '要求の本文がJSONとして読めません';
    const reply = { ok: false, error: { code: 'INVALID_INPUT', message } };
    return send(res, 400, JSON.stringify(reply), TYPES['.json']);
  }
  const reply = (await contract.call(channel, payload)) as { ok: boolean; error?: { code: string } };
  // A request the contract cannot take is the client's error (4xx); the reply carries the reason.
  const code = reply.ok ? undefined : reply.error?.code;
  const status = code === 'UNKNOWN_CHANNEL' ? 404 : code === 'INVALID_INPUT' ? 400 : 200;
  send(res, status, JSON.stringify(reply), TYPES['.json']);
}

function serveFile(rendererDir: string, pathname: string, res: ServerResponse): void {
  const decoded = decodedFilePath(pathname);
  if (decoded === null) return send(res, 400, 'パスが正しくありません');
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const file = join(rendererDir, rel || 'index.html');
  if (!file.startsWith(rendererDir + sep) && file !== rendererDir) return send(res, 403, 'forbidden');
  const target = existsSync(file) && statSync(file).isFile() ? file : join(rendererDir, 'index.html');
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' });
  createReadStream(target)
    .on('error', () => res.destroy())
    .pipe(res);
}

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const token = randomBytes(24).toString('base64url');
  const rendererDir = normalize(options.rendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`画面のビルドがありません (${rendererDir})。先に npm run build を実行してください`);
  }
  const downloads = new DownloadStore();
  const host: Host = {
    printer: options.printer,
    deliver: (file) => Promise.resolve({ kind: 'download', url: downloads.put(file) }),
  };
  options.contract.setHost(host);
  /** Authorises the page's own files and downloads (not /api); unrelated to the token. */
  const pageKey = randomBytes(24).toString('base64url');
  let port = 0;
  const server = createServer(
    guarded((req, res) => {
      const target = parseTarget(req.url);
      if (!target) return send(res, 400, '要求のパスが正しくありません');
      if (!hostAllowed(req.headers.host, port)) return send(res, 400, 'Host ヘッダーが正しくありません');
      if (!ALLOWED_METHODS.has(req.method ?? '')) return send(res, 405, '使えないメソッドです');
      const { pathname, query } = target;
      if (pathname.startsWith('/api/')) {
        const refusal = apiRefusal(req, token, port);
        if (refusal) return send(res, refusal.status, refusal.message);
        return handleApi(options.contract, pathname.slice('/api/'.length), req, res).catch((e: unknown) => {
          // The workers answer every call; an error here is a bug of ours, logged here, not described to the client.
          console.error(`要求の処理中に予期しないエラー: ${e instanceof Error ? e.stack : String(e)}`);
          send(res, 500, '内部エラーです');
        });
      }
      const cookieName = `xpw_page_${port}`;
      const viaQuery = sameToken(query.get('token') ?? undefined, token);
      if (!viaQuery && !sameToken(cookieValue(req, cookieName), pageKey)) {
        return send(res, 403, 'トークンがありません。起動時に表示されたURLを開いてください');
      }
      if (viaQuery) res.setHeader('Set-Cookie', `${cookieName}=${pageKey}; HttpOnly; SameSite=Strict; Path=/`);
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only');
      const download = /^\/download\/([0-9a-f-]{36})$/.exec(pathname);
      if (download) {
        if (!downloads.serve(download[1]!, res)) send(res, 404, 'このファイルはもうありません。もう一度出力してください');
        return;
      }
      serveFile(rendererDir, pathname, res);
    }),
  );
  guardServer(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await options.printer?.close();
    },
  };
}
