// `xpw summary`: the published table for a round. Kept small on purpose: it is the command people
// run most, and its start-up loads only what this file imports.
import { summarize } from '../../db/queries/summary.js';
import { lookupRound } from '../services/lookup.js';
import { requireString, type Values } from './command.js';
import { formatSummary } from './format-summary.js';
import { withDb } from './with-db.js';

export function runSummary(values: Values): Promise<number> {
  return withDb(requireString(values, 'db'), (db) => {
    const round = lookupRound(db.sqlite, values.round as string | undefined);
    const lines = summarize(db.sqlite, { roundId: round.id });
    console.log(values.json ? JSON.stringify({ round: round.label, ranks: round.ranks.map((r) => r.value), levels: lines }, null, 2) : formatSummary(round, lines));
    return 0;
  });
}
