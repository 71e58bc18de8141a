// What every exporter produces: the bytes of one file, its suggested name and what the user
// should know about it (e.g. characters CP932 could not hold).
export interface ExportFile {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  warnings: string[];
}

export const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv',
} as const;
