// The preview server's outer guard: whatever arrives on the socket — a path URL parsers choke
// on, a broken escape, an unknown method, a header Node's parser refuses, a body cut short —
// gets a 4xx and the process stays up. A request handler that throws (synchronously or in its
// promise) is answered here instead of ending the process; the server's own parse errors
// ('clientError') get a plain 400/431 on the raw socket.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { SECURITY_HEADERS } from './security.js';

export const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST']);

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Answers once; after the headers went out the only safe answer is to close the connection. */
export function reply(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  if (res.headersSent || res.writableEnded || res.destroyed) {
    res.destroy();
    return;
  }
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

function failed(res: ServerResponse, e: unknown): void {
  // Logged for the person running the preview; the client only learns that its request was bad.
  console.error(`要求を処理できませんでした: ${e instanceof Error ? e.message : String(e)}`);
  reply(res, 400, '要求を処理できません');
}

/** Wraps the request handler: nothing it throws or rejects with reaches the event loop. */
export function guarded(handler: Handler): Handler {
  return (req, res) => {
    // Without listeners a reset connection's 'error' would be thrown by the emitter.
    req.on('error', () => res.destroy());
    res.on('error', () => res.destroy());
    try {
      const done = handler(req, res);
      if (done instanceof Promise) done.catch((e: unknown) => failed(res, e));
    } catch (e) {
      failed(res, e);
    }
  };
}

/**
 * The Host header must name this server as the page knows it: a web page that rebinds its own
 * DNS name to 127.0.0.1 sends its name here and is refused.
 */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Requests Node's HTTP parser refuses (bad method, header, framing) get an answer, not silence or a crash. */
export function guardServer(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  // CONNECT and Upgrade requests skip the request handler; without these they would be dropped silently.
  const refuse = (_req: IncomingMessage, socket: Socket) =>
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  server.on('connect', refuse);
  server.on('upgrade', refuse);
  // An error on a connection must not become an uncaught exception of the process.
  server.on('connection', (socket: Socket) => socket.on('error', () => socket.destroy()));
  // Slow or stalled clients are cut off instead of holding connections forever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
}
