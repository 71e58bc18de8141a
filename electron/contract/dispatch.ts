// Validates a request against the contract and runs its handler. Never throws: every failure
// becomes { ok: false, error } with a Japanese message that names what was wrong and where.
// Most handlers answer synchronously; those that take a backup before a bulk change are async,
// and then the reply is a promise (IPC and the preview server await it either way).
import type { Channel, Reply } from './channels.js';
import { toContractError } from './contract-error.js';
import { handlers, type Context } from './handlers.js';
import { parseRequest } from './parse-request.js';

export function dispatch(ctx: Context, channel: unknown, payload: unknown): Reply<Channel> | Promise<Reply<Channel>> {
  const request = parseRequest(channel, payload);
  if (!request.ok) return request.reply;
  try {
    const handler = handlers[request.channel] as (ctx: Context, input: unknown) => unknown;
    const data = handler(ctx, request.input);
    if (data instanceof Promise) {
      return data.then(
        (d: unknown) => ({ ok: true, data: d }) as Reply<Channel>,
        (e: unknown) => ({ ok: false, error: toContractError(e, request.channel) }) as Reply<Channel>,
      );
    }
    return { ok: true, data } as Reply<Channel>;
  } catch (e) {
    return { ok: false, error: toContractError(e, request.channel) };
  }
}
