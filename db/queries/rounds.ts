import type Database from 'better-sqlite3';

export interface ScaleRank {
  value: string;
  label: string;
  definition: string;
  sortOrder: number;
}

export interface Round {
  id: number;
  label: string;
  title: string;
  asOf: string;
  meetingDate: string | null;
  scaleId: number;
  scaleName: string;
  lockedAt: string | null;
  lockedBy: string | null;
  ranks: ScaleRank[];
}

export interface NewRound {
  label: string;
  title: string;
  asOf: string;
  meetingDate?: string | null;
  scaleId: number;
}

export function scaleRanks(sqlite: Database.Database, scaleId: number): ScaleRank[] {
  return sqlite
    .prepare(
      `SELECT value, label, definition, sort_order AS sortOrder FROM scale_ranks
       WHERE scale_id = ? ORDER BY sort_order DESC`,
    )
    .all(scaleId) as ScaleRank[];
}

/** Rounds, newest first (by as-of period, then id). */
export function listRounds(sqlite: Database.Database): Round[] {
  const rows = sqlite
    .prepare(
      `SELECT r.id, r.label, r.title, r.as_of AS asOf, r.meeting_date AS meetingDate, r.scale_id AS scaleId,
              s.name AS scaleName, r.locked_at AS lockedAt, r.locked_by AS lockedBy
       FROM rounds r JOIN scales s ON s.id = r.scale_id ORDER BY r.as_of DESC, r.id DESC`,
    )
    .all() as Omit<Round, 'ranks'>[];
  return rows.map((r) => ({ ...r, ranks: scaleRanks(sqlite, r.scaleId) }));
}

export function getRound(sqlite: Database.Database, id: number): Round | undefined {
  return listRounds(sqlite).find((r) => r.id === id);
}

export function roundByLabel(sqlite: Database.Database, label: string): Round | undefined {
  return listRounds(sqlite).find((r) => r.label === label);
}

export function latestRound(sqlite: Database.Database): Round | undefined {
  return listRounds(sqlite)[0];
}
