// The renderer's only way to data: invoke(channel, input). In Electron the preload exposes
// window.xpw.invoke (IPC); in the browser preview the same contract is served over HTTP.
import type { Channel, ContractError, Input, Output, Reply } from '../../../electron/contract/channels';

interface Bridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  /** The window's close guard (electron/preload): what is unsaved, and the save run before closing. */
  setUnsaved?(what: string | null): void;
  onSaveBeforeClose?(save: () => Promise<boolean>): () => void;
}

declare global {
  interface Window {
    xpw?: Bridge;
  }
}

export class ApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'xpw-token';

/**
 * The preview's token: from the printed URL (?token=…), kept for this tab so that a reload or a
 * link inside the app still has it. The server takes it for /api only as a request header —
 * something another page in the browser cannot send here (see electron/web/api-guard.ts).
 */
let token: string | null = null;
function previewToken(): string {
  // Read once per page: storage calls are synchronous and every request (a key press) needs it.
  if (token !== null) return token;
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return (token = fromUrl);
  }
  return (token = sessionStorage.getItem(TOKEN_KEY) ?? '');
}

async function transport(channel: string, input: unknown): Promise<unknown> {
  if (window.xpw) return window.xpw.invoke(channel, input);
  const res = await fetch(`/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-XPW-Token': previewToken() },
    body: JSON.stringify(input),
    credentials: 'same-origin',
  });
  if (res.status === 403) throw new ApiError('FORBIDDEN', '接続が拒否されました。起動時に表示されたURLから開き直してください');
  return res.json();
}

export async function invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  let reply: Reply<C>;
  try {
    reply = (await transport(channel, input)) as Reply<C>;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw new ApiError('TRANSPORT', `データに接続できません: ${(e as Error).message}`);
  }
  if (!reply.ok) {
    const err: ContractError = reply.error;
    throw new ApiError(err.code, err.message);
  }
  return reply.data;
}
