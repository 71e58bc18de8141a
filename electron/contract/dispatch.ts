// Validates a request against the contract and runs its handler. Never throws: every failure
// becomes { ok: false, error } with a Japanese message that names what was wrong and where.
// Most handlers answer synchronously; those that take a backup before a bulk change are async,
// and then the reply is a promise (IPC and the preview server await it either way).
import { z } from 'zod';
import { CHANNELS, inputs, type Channel, type Reply } from './channels.js';
import { toContractError } from './contract-error.js';
import { handlers, type Context } from './handlers.js';

z.config(z.locales.ja());

const isChannel = (c: unknown): c is Channel => typeof c === 'string' && (CHANNELS as string[]).includes(c);

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(入力全体)'}: ${i.message}`)
    .join(' / ');
}

export function dispatch(ctx: Context, channel: unknown, payload: unknown): Reply<Channel> | Promise<Reply<Channel>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `不明な要求です: ${String(channel).slice(0, 80)}` } };
  }
  const parsed = inputs[channel].safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: `入力が正しくありません (${channel}): ${describeIssues(parsed.error)}` } };
  }
  try {
    const handler = handlers[channel] as (ctx: Context, input: unknown) => unknown;
    const data = handler(ctx, parsed.data);
    if (data instanceof Promise) {
      return data.then(
        (d: unknown) => ({ ok: true, data: d }) as Reply<Channel>,
        (e: unknown) => ({ ok: false, error: toContractError(e, channel) }) as Reply<Channel>,
      );
    }
    return { ok: true, data } as Reply<Channel>;
  } catch (e) {
    return { ok: false, error: toContractError(e, channel) };
  }
}
