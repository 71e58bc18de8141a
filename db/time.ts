/** Timestamps are stored as ISO 8601 UTC strings; the UI shows them in local time. */
export const nowIso = (): string => new Date().toISOString();
