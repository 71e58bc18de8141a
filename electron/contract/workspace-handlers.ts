// Handlers of the ranking workspace's channels (issue 14 §1–3): selections over the whole
// filter, where an issue stands after a sort or an undo, bulk rank/所見 changes, and the grid's
// layout as each user left it.
import type { Output } from './channels.js';
import type { Context } from './handlers.js';
import type { inputs } from './channels.js';
import type { z } from 'zod';
import { issuePosition, listIssueIds } from '../../db/queries/issues.js';
import { setEvaluationsBulk, undoBulk } from '../../db/write/evaluations-bulk.js';
import { currentActor } from '../services/actor.js';
import { DbError } from '../../db/errors.js';
import { readGridLayout, saveGridLayout } from '../services/settings/grid-layout.js';

type Channels = 'issues.position' | 'evaluations.setMany' | 'evaluations.setSelected' | 'evaluations.undoMany' | 'layout.get' | 'layout.set';
type Handlers = { [C in Channels]: (ctx: Context, input: z.output<(typeof inputs)[C]>) => Output<C> };

export const workspaceHandlers: Handlers = {
  'issues.position': (ctx, { issueId, ...q }) => ({ index: issuePosition(ctx.db.sqlite, q, issueId) }),
  'evaluations.setMany': (ctx, c) => setEvaluationsBulk(ctx.db.sqlite, { ...c, actor: currentActor(ctx.db.sqlite) }),
  'evaluations.setSelected': (ctx, { query, ranges, field, value }) => {
    const ids = listIssueIds(ctx.db.sqlite, query);
    const picked = new Set<number>();
    for (const [a, b] of ranges) for (let i = a; i <= Math.min(b, ids.length - 1); i++) picked.add(ids[i]!);
    if (picked.size === 0) throw new DbError('INVALID', '選択した行が今の一覧にありません。一覧を読み込み直してください');
    return setEvaluationsBulk(ctx.db.sqlite, { roundId: query.roundId, field, items: [...picked].map((issueId) => ({ issueId, value })), actor: currentActor(ctx.db.sqlite) });
  },
  'evaluations.undoMany': (ctx, { auditId }) => undoBulk(ctx.db.sqlite, auditId, currentActor(ctx.db.sqlite)),
  'layout.get': (ctx) => readGridLayout(ctx.db.sqlite, currentActor(ctx.db.sqlite)),
  'layout.set': (ctx, { layout }) => {
    saveGridLayout(ctx.db.sqlite, currentActor(ctx.db.sqlite), layout);
    return { saved: true };
  },
};
