// Errors the database layer raises on purpose. `message` is Japanese because it reaches the UI
// and the CLI unchanged; `code` is for programs.
export type DbErrorCode =
  | 'NOT_FOUND'
  | 'NOT_SQLITE'
  | 'NOT_OURS'
  | 'FOREIGN_SCHEMA'
  | 'NEWER_VERSION'
  | 'NETWORK_PATH'
  | 'CORRUPT'
  | 'MIGRATION_FAILED'
  | 'INVALID'
  | 'CONFLICT'
  | 'LOCKED'
  | 'BACKUP_FAILED'
  /** A shared folder or server that cannot be reached now (team sync). */
  | 'UNAVAILABLE';

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}
