// A request checked against its channel's zod schema, without running anything: dispatch() uses
// it before a handler, and the worker host for the few channels it answers itself (job status).
import { z } from 'zod';
import { CHANNELS, inputs, type Channel, type Reply } from './channels.js';

z.config(z.locales.ja());

const isChannel = (c: unknown): c is Channel => typeof c === 'string' && (CHANNELS as string[]).includes(c);

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(入力全体)'}: ${i.message}`)
    .join(' / ');
}

export type ParsedRequest = { ok: true; channel: Channel; input: unknown } | { ok: false; reply: Reply<Channel> };

/** The parsed input, or the reply that refuses the request (unknown channel, invalid input). */
export function parseRequest(channel: unknown, payload: unknown): ParsedRequest {
  if (!isChannel(channel)) {
    return { ok: false, reply: { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `不明な要求です: ${String(channel).slice(0, 80)}` } } };
  }
  const parsed = inputs[channel].safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, reply: { ok: false, error: { code: 'INVALID_INPUT', message: `入力が正しくありません (${channel}): ${describeIssues(parsed.error)}` } } };
  }
  return { ok: true, channel, input: parsed.data };
}
