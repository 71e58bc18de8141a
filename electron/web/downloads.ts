// Finished exports waiting to be downloaded by the browser preview: kept in memory for a few
// minutes under an unguessable id, served once per request with the file name in UTF-8.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ExportFile } from '../services/export/export-file.js';
import { SECURITY_HEADERS } from './security.js';

const KEEP_MS = 10 * 60_000;

export class DownloadStore {
  private readonly files = new Map<string, { file: ExportFile; expires: number }>();

  put(file: ExportFile): string {
    const now = Date.now();
    for (const [id, f] of this.files) if (f.expires < now) this.files.delete(id);
    const id = randomUUID();
    this.files.set(id, { file, expires: now + KEEP_MS });
    return `/download/${id}`;
  }

  /** Answers GET /download/<id>; false when there is no such file. */
  serve(id: string, res: ServerResponse): boolean {
    const entry = this.files.get(id);
    if (!entry || entry.expires < Date.now()) return false;
    const { file } = entry;
    // RFC 6266: an ASCII fallback plus the real (Japanese) name.
    const ascii = file.fileName.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.mime,
      'Content-Length': String(file.bytes.length),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    });
    res.end(Buffer.from(file.bytes));
    return true;
  }
}
