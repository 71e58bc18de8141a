// The Host a contract worker hands to the handlers. Printing a PDF, saving a file and the
// folder/file chooser belong to the host process (Electron's dialogs and printToPDF stay in
// the main process; the preview prints with system Chromium and serves downloads), so each is
// a message to the host and a promise of its answer.
import type { MessagePort } from 'node:worker_threads';
import type { Host } from '../contract/host.js';
import type { PathGate } from '../contract/path-gate.js';
import type { Delivery } from '../services/export/jobs.js';
import type { PdfPrinter } from '../services/export/pdf/print-settings.js';
import type { FromWorker, HostCaps, HostOp, ToWorker } from './protocol.js';

export class HostBridge {
  private next = 1;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor(private readonly port: MessagePort) {}

  /** Settles the promise of a host call (ToWorker 'host-reply'). */
  answer(msg: Extract<ToWorker, { type: 'host-reply' }>): void {
    const w = this.waiting.get(msg.id);
    if (!w) return;
    this.waiting.delete(msg.id);
    if (msg.ok) w.resolve(msg.value);
    else w.reject(new Error(msg.message));
  }

  private ask(op: HostOp, transfer: ArrayBuffer[] = []): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.port.postMessage({ type: 'host', id, ...op } satisfies FromWorker, transfer);
    });
  }

  /** The Host for the handlers; what it offers follows the host's current capabilities. */
  host(caps: () => HostCaps, paths: PathGate): Host {
    const printer: PdfPrinter = {
      print: async (html, page) => new Uint8Array((await this.ask({ op: 'print', html, page })) as Uint8Array),
      close: () => Promise.resolve(),
    };
    const pick = (what: 'folder' | 'file') => this.ask({ op: 'pick', what }) as Promise<string | null>;
    const deliver = (file: { fileName: string; mime: string; bytes: Uint8Array; warnings: string[] }): Promise<Delivery> => {
      // A copy of its own, moved (not cloned) to the host.
      const bytes = file.bytes.slice();
      return this.ask({ op: 'deliver', fileName: file.fileName, mime: file.mime, bytes, warnings: file.warnings }, [bytes.buffer as ArrayBuffer]) as Promise<Delivery>;
    };
    const savePgPassword = async (url: string, password: string): Promise<void> => {
      await this.ask({ op: 'savePgPassword', url, password });
    };
    const forgetPgPassword = async (url: string): Promise<void> => {
      await this.ask({ op: 'forgetPgPassword', url });
    };
    return {
      get printer() {
        return caps().print ? printer : undefined;
      },
      deliver,
      paths,
      get pick() {
        return caps().pick ? pick : undefined;
      },
      get savePgPassword() {
        return caps().secrets ? savePgPassword : undefined;
      },
      get forgetPgPassword() {
        return caps().secrets ? forgetPgPassword : undefined;
      },
    };
  }
}
