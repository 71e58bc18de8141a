// Proof that a request to /api comes from the app's own page and not from another page in the
// same browser. Cookies are not bound to a port, so every local service (and every page served
// from 127.0.0.1 on another port, which is "same-site") would carry ours: /api ignores cookies.
// It takes the token only from the X-XPW-Token header — a header a cross-origin page can only
// send after a CORS preflight, which this server never grants — and also requires a JSON body
// type (no-cors forms and beacons cannot send it), Sec-Fetch-Site: same-origin and a matching
// Origin where the browser sends them. (The Host check of every request is in request-guard.)
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface Refusal {
  status: number;
  message: string;
}

export function sameToken(given: string | undefined, token: string): boolean {
  if (!given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

const single = (v: string | string[] | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** null when the request may reach the contract; otherwise why not. */
export function apiRefusal(req: IncomingMessage, token: string, port: number): Refusal | null {
  if (req.method !== 'POST') return { status: 405, message: 'POST only' };
  if (!sameToken(single(req.headers['x-xpw-token']), token)) {
    return { status: 403, message: 'トークンがありません。起動時に表示されたURLを開いてください' };
  }
  const type = single(req.headers['content-type'])?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, message: 'Content-Type は application/json にしてください' };
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return { status: 403, message: 'ほかのサイトからの要求は受け付けません' };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
    return { status: 403, message: 'ほかのサイトからの要求は受け付けません' };
  }
  return null;
}
