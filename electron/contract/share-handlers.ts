// Handlers of the share channels (share-schemas.ts), spread into handlers.ts.
import type { z } from 'zod';
import { DbError } from '../../db/errors.js';
import { changedSinceSample } from '../../db/queries/first-start.js';
import { readSyncState } from '../../db/queries/sync.js';
import type { JobRegistry } from '../services/export/jobs.js';
import { currentActor } from '../services/actor.js';
import { inspectShare, joinHere } from '../services/sync/join-here.js';
import { forgetPgPassword, isPostgresUrl, openPgTransport, pgPasswordSource, redactUrl, rememberPgPassword } from '../services/sync/postgres/open-transport.js';
import { TransportUnavailable } from '../services/sync/transport.js';
import { pathGate } from './backup-handlers.js';
import { toContractError } from './contract-error.js';
import type { Context } from './handlers.js';
import type { ShareCurrent, ShareInputs, ShareOutputs } from './share-schemas.js';

type ShareHandlers = { [C in keyof ShareOutputs]: (ctx: Context, input: z.output<ShareInputs[C]>) => ShareOutputs[C] | Promise<ShareOutputs[C]> };

/** A folder passes the path gate (a chooser's handle, or --allow-dir in the preview); a server URL names no local file. */
const resolveLocation = (ctx: Context, location: string): string => (isPostgresUrl(location) ? location : pathGate(ctx).resolve(location, '共有フォルダ'));

function current(ctx: Context): ShareCurrent {
  const location = readSyncState(ctx.db.sqlite, 'location');
  const server = location !== null && isPostgresUrl(location);
  const canSeal = Boolean(ctx.host?.savePgPassword);
  const source = server ? pgPasswordSource(location) : null;
  return {
    joined: readSyncState(ctx.db.sqlite, 'actorId') !== null,
    location,
    name: readSyncState(ctx.db.sqlite, 'datasetName'),
    server,
    password: source === 'saved' ? (canSeal && !unsealed.has(redactUrl(location!)) ? 'sealed' : 'memory') : source,
    canSeal,
  };
}

/** Tries a login with `password`; a wrong one is said plainly, naming the server. */
async function tryLogin(url: string, password: string): Promise<void> {
  try {
    await openPgTransport(url, { password, attempts: 1 }).readMeta();
  } catch (e) {
    if (e instanceof TransportUnavailable) throw new DbError('UNAVAILABLE', e.message);
    throw e;
  }
}

/** Servers whose password this thread holds but the host could not seal (no OS encryption): this session only. */
const unsealed = new Set<string>();

/** Keeps a server's password for this thread's passes and, in the app, sealed by the OS. */
async function keepPassword(ctx: Context, url: string, password: string): Promise<void> {
  rememberPgPassword(url, password);
  if (!ctx.host?.savePgPassword) return;
  try {
    await ctx.host.savePgPassword(redactUrl(url), password);
    unsealed.delete(redactUrl(url));
  } catch (e) {
    unsealed.add(redactUrl(url));
    throw e;
  }
}

export const shareHandlers = (jobs: JobRegistry): ShareHandlers => ({
  // Only while the database is still the sample this start made: nothing changed, restored or joined since.
  'share.offer': (ctx) => ({ offer: ctx.firstStart === true && readSyncState(ctx.db.sqlite, 'actorId') === null && !changedSinceSample(ctx.db.sqlite) }),
  'share.inspect': async (ctx, { location, password }) => {
    const where = resolveLocation(ctx, location);
    // Used for this look (and the join that follows) from this thread's memory; the join seals it.
    const typed = Boolean(password && isPostgresUrl(where));
    if (typed) rememberPgPassword(where, password!);
    try {
      return await inspectShare(where);
    } catch (e) {
      if (typed) forgetPgPassword(where); // a wrong password is not kept
      throw e;
    }
  },
  'share.joinStart': (ctx, input) => {
    const location = 'location' in input ? input.location : undefined;
    const password = 'password' in input ? input.password : undefined;
    let where: string;
    if (location) {
      if (readSyncState(ctx.db.sqlite, 'actorId') !== null) {
        throw new DbError('CONFLICT', `このデータベースは既に共有データに参加しています (${readSyncState(ctx.db.sqlite, 'location')})。別の共有データに参加するには、先に復元などで共有から外れてください`);
      }
      where = resolveLocation(ctx, location);
    } else {
      const joined = readSyncState(ctx.db.sqlite, 'location');
      if (!joined) throw new DbError('INVALID', 'このデータベースは共有データに参加していません。共有フォルダかサーバーを指定してください');
      where = joined;
    }
    const server = isPostgresUrl(where);
    if (password && server) rememberPgPassword(where, password);
    const actor = currentActor(ctx.db.sqlite);
    return {
      jobId: jobs.startTask(
        async (onProgress) => {
          let joined;
          try {
            joined = await joinHere(ctx.db, where, { actor, onProgress });
          } catch (e) {
            if (password && server) forgetPgPassword(where); // a wrong password is not kept
            throw e;
          }
          // Sealed only once the server accepted it (the join logged in with it). The join is done
          // either way: a PC that cannot seal it keeps it for this session and says so.
          if (password && server) {
            try {
              await keepPassword(ctx, where, password);
            } catch (e) {
              return { kind: 'joined', joined: { ...joined, warning: `参加しました。ただしパスワードを保存できませんでした (${(e as Error).message})。アプリを終了するまでは同期できます` } };
            }
          }
          return { kind: 'joined', joined };
        },
        (e) => toContractError(e, 'share.joinStart'),
        // It writes the database: it cannot be cancelled halfway (a failure leaves the old data).
        { cancellable: false },
      ),
    };
  },
  'share.current': (ctx) => current(ctx),
  'share.setPassword': async (ctx, { password }) => {
    const location = readSyncState(ctx.db.sqlite, 'location');
    if (!location || !isPostgresUrl(location)) throw new DbError('INVALID', 'このデータベースはPostgreSQLサーバーで共有していません');
    await tryLogin(location, password);
    await keepPassword(ctx, location, password);
    return current(ctx);
  },
  'share.forgetPassword': async (ctx) => {
    const location = readSyncState(ctx.db.sqlite, 'location');
    if (!location || !isPostgresUrl(location)) return current(ctx); // nothing saved to forget
    forgetPgPassword(location);
    unsealed.delete(redactUrl(location));
    await ctx.host?.forgetPgPassword?.(redactUrl(location));
    return current(ctx);
  },
});
