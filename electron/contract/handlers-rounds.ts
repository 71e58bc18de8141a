// Handlers of the rounds, scales and audit channels (issue 6). handlers.ts spreads them into the
// one handler table; the export job registry comes in as a parameter (it lives in handlers.ts).
import type { z } from 'zod';
import { DbError } from '../../db/errors.js';
import { auditFacets, countAudit, listAudit, type AuditFilter } from '../../db/queries/audit-search.js';
import { issueExists } from '../../db/queries/issues.js';
import { rankHistory } from '../../db/queries/rank-history.js';
import { rankMovers } from '../../db/queries/rank-movers.js';
import { roundStats } from '../../db/queries/round-admin.js';
import { lockRound, unlockRound, updateRound } from '../../db/write/rounds.js';
import { getRound } from '../../db/queries/rounds.js';
import { listScales } from '../../db/queries/scales.js';
import { createScale, deleteScale, updateScale } from '../../db/write/scales.js';
import { summarize } from '../../db/queries/summary.js';
import { currentActor } from '../services/actor.js';
import { lookupIssue } from '../services/lookup.js';
import { exportAudit } from '../services/audit/export-audit.js';
import { previousRoundOf } from '../services/export/model/report-model.js';
import type { JobRegistry } from '../services/export/jobs.js';
import { confirmCarriedSafely, createRoundSafely, deleteRoundSafely, undoBulk } from '../services/rounds/bulk.js';
import type { Channel, inputs, Output } from './channels.js';
import { toContractError } from './contract-error.js';
import type { Context } from './handlers.js';

type RoundChannel = Exclude<Extract<Channel, `rounds.${string}` | `scales.${string}` | `audit.${string}` | 'summary.previous'>, 'rounds.list' | 'audit.forIssue'>;
type RoundHandlers = {
  [C in RoundChannel]: (ctx: Context, input: z.output<(typeof inputs)[C]>) => Output<C> | Promise<Output<C>>;
};

const actor = (ctx: Context) => currentActor(ctx.db.sqlite);

/** The screen's filter with the issue key resolved; a Japanese error for an unknown key or a reversed period. */
function auditFilter(ctx: Context, f: z.output<(typeof inputs)['audit.count']>): AuditFilter & { issueKey?: string } {
  const { issueKey, ...rest } = f;
  if (rest.from && rest.to && rest.from >= rest.to) throw new DbError('INVALID', '期間の終わりが始まりより前です。期間を確かめてください');
  if (issueKey === undefined) return rest;
  return { ...rest, issueId: lookupIssue(ctx.db.sqlite, issueKey), issueKey };
}

export function roundHandlers(jobs: JobRegistry): RoundHandlers {
  return {
    'rounds.stats': (ctx) => roundStats(ctx.db.sqlite),
    'rounds.create': (ctx, input) => createRoundSafely(ctx.db, input, actor(ctx)),
    'rounds.update': (ctx, { roundId, ...fields }) => updateRound(ctx.db.sqlite, roundId, fields, actor(ctx)),
    'rounds.delete': (ctx, { roundId }) => deleteRoundSafely(ctx.db, roundId, actor(ctx)),
    'rounds.lock': (ctx, { roundId }) => lockRound(ctx.db.sqlite, roundId, actor(ctx)),
    'rounds.unlock': (ctx, { roundId, reason }) => unlockRound(ctx.db.sqlite, roundId, reason, actor(ctx)),
    'rounds.confirmCarried': (ctx, filter) => confirmCarriedSafely(ctx.db, filter, actor(ctx)),
    'rounds.undoBulk': (ctx, { auditId }) => undoBulk(ctx.db, auditId, actor(ctx)),
    'rounds.history': (ctx, { issueId }) => {
      if (!issueExists(ctx.db.sqlite, issueId)) throw new DbError('NOT_FOUND', `変革課題 (id ${issueId}) がありません`);
      return rankHistory(ctx.db.sqlite, issueId);
    },
    'rounds.movers': (ctx, q) => rankMovers(ctx.db.sqlite, q),
    'scales.list': (ctx) => listScales(ctx.db.sqlite),
    'scales.create': (ctx, input) => createScale(ctx.db.sqlite, input, actor(ctx)),
    'scales.update': (ctx, { scaleId, ...input }) => updateScale(ctx.db.sqlite, scaleId, input, actor(ctx)),
    'scales.delete': (ctx, { scaleId }) => {
      deleteScale(ctx.db.sqlite, scaleId, actor(ctx));
      return listScales(ctx.db.sqlite);
    },
    'summary.previous': (ctx, filter) => {
      const round = getRound(ctx.db.sqlite, filter.roundId);
      if (!round) throw new DbError('NOT_FOUND', `評価回 (id ${filter.roundId}) がありません`);
      const previous = previousRoundOf(ctx.db.sqlite, round);
      if (!previous) return { round: null, lines: [] };
      // 繰越 is a state of the current round only; the rest of the filter applies to both.
      const { carried: _carried, ...rest } = filter;
      return { round: { id: previous.id, label: previous.label }, lines: summarize(ctx.db.sqlite, { ...rest, roundId: previous.id }) };
    },
    'audit.list': (ctx, { after, limit, ...f }) => {
      const { issueKey: _key, ...filter } = auditFilter(ctx, f);
      return listAudit(ctx.db.sqlite, filter, limit, after);
    },
    'audit.count': (ctx, f) => {
      const { issueKey: _key, ...filter } = auditFilter(ctx, f);
      return { count: countAudit(ctx.db.sqlite, filter) };
    },
    'audit.facets': (ctx) => auditFacets(ctx.db.sqlite),
    'audit.export': (ctx, f) => {
      const host = ctx.host;
      if (!host) throw new DbError('INVALID', 'この画面からはファイルを出力できません');
      const req = auditFilter(ctx, f);
      const { sqlite } = ctx.db;
      const jobId = jobs.start(
        async (onProgress, commit) => {
          const file = await exportAudit(sqlite, req, onProgress);
          onProgress({ phase: '保存しています', done: 0, total: 1 });
          commit();
          const delivery = await host.deliver(file);
          return { fileName: file.fileName, warnings: file.warnings, size: file.bytes.length, delivery };
        },
        (e) => toContractError(e, 'audit.export'),
      );
      return { jobId };
    },
  };
}
