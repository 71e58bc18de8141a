// The browser preview: serves the built renderer and the contract over HTTP on 127.0.0.1 only.
// A random token per start is required: in the printed URL (?token=…), which sets an HttpOnly
// SameSite=Strict cookie, or in the X-XPW-Token header. Anything else gets 403.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Host } from '../contract/host.js';
import type { PdfPrinter } from '../services/export/pdf/print-settings.js';
import { DownloadStore } from './downloads.js';
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

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function cookieToken(req: IncomingMessage): string | undefined {
  const m = /(?:^|;\s*)xpw_token=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '');
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
  if (req.method !== 'POST') return send(res, 405, 'POST only');
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
  const reply = await contract.call(channel, payload);
  send(res, 200, JSON.stringify(reply), TYPES['.json']);
}

function serveFile(rendererDir: string, pathname: string, res: ServerResponse): void {
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const file = join(rendererDir, rel || 'index.html');
  if (!file.startsWith(rendererDir + sep) && file !== rendererDir) return send(res, 403, 'forbidden');
  const target = existsSync(file) && statSync(file).isFile() ? file : join(rendererDir, 'index.html');
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': TYPES[extname(target)] ?? 'application/octet-stream' });
  createReadStream(target).pipe(res);
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
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const viaQuery = url.searchParams.get('token') ?? undefined;
    const header = req.headers['x-xpw-token'];
    const authorised =
      sameToken(viaQuery, token) || sameToken(typeof header === 'string' ? header : undefined, token) || sameToken(cookieToken(req), token);
    if (!authorised) return send(res, 403, 'トークンがありません。起動時に表示されたURLを開いてください');
    if (viaQuery) res.setHeader('Set-Cookie', `xpw_token=${token}; HttpOnly; SameSite=Strict; Path=/`);
    if (url.pathname.startsWith('/api/')) {
      void handleApi(options.contract, url.pathname.slice('/api/'.length), req, res).catch((e: unknown) => {
        send(res, 500, String(e));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only');
    const download = /^\/download\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (download) {
      if (!downloads.serve(download[1]!, res)) send(res, 404, 'このファイルはもうありません。もう一度出力してください');
      return;
    }
    serveFile(rendererDir, url.pathname, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
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
