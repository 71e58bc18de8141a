// Handlers of the ranking workspace's channels (issue 14 §1–3): selections over the whole
// filter, where an issue stands after a sort or an undo, and bulk rank/所見 changes.
import type { Output } from './channels.js';
import type { Context } from './handlers.js';
import type { inputs } from './channels.js';
import type { z } from 'zod';
import { issuePosition, listIssueIds } from '../../db/queries/issues.js';
import { setEvaluationsBulk, undoBulk } from '../../db/queries/evaluations-bulk.js';
import { currentActor } from '../services/actor.js';

type Channels = 'issues.ids' | 'issues.position' | 'evaluations.setMany' | 'evaluations.undoMany';
type Handlers = { [C in Channels]: (ctx: Context, input: z.output<(typeof inputs)[C]>) => Output<C> };

export const workspaceHandlers: Handlers = {
  'issues.ids': (ctx, q) => listIssueIds(ctx.db.sqlite, q),
  'issues.position': (ctx, { issueId, ...q }) => ({ index: issuePosition(ctx.db.sqlite, q, issueId) }),
  'evaluations.setMany': (ctx, c) => setEvaluationsBulk(ctx.db.sqlite, { ...c, actor: currentActor(ctx.db.sqlite) }),
  'evaluations.undoMany': (ctx, { auditId }) => undoBulk(ctx.db.sqlite, auditId, currentActor(ctx.db.sqlite)),
};
