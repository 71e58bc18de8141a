// Start-up of the desktop app on its database, with the way out when the database cannot be
// used: a dialog says what is wrong and offers to restore the newest good backup (the unusable
// file is kept under another name). The logic is plain Node (services/backups/recovery-offer.ts);
// this file only shows it. The database itself is opened by the contract workers
// (electron/worker), never on this thread.
import { dialog } from 'electron';
import type { Host } from '../contract/host.js';
import { recoverFrom, recoveryOffer } from '../services/backups/recovery-offer.js';
import { readAppSettings } from '../services/settings/app-settings-file.js';
import { ContractWorkers, type ContractWorkersOptions } from '../worker/contract-workers.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The workers serving the started database, or null when the user chose to quit. */
export async function startWithRecovery(baseDir: string, host: Host, extra: Pick<ContractWorkersOptions, 'syncLoop' | 'pgPasswords'> = {}): Promise<ContractWorkers | null> {
  for (;;) {
    try {
      return await ContractWorkers.start({ baseDir, sampleIfNew: true, host, ...extra, log: (m) => console.log(m) });
    } catch (e) {
      const known = readAppSettings(baseDir).settings.backupFolder;
      const offer = recoveryOffer(e, known ? [known] : []);
      if (!offer) throw e;
      const buttons = offer.backup ? ['最新のバックアップから復元する', '終了する'] : ['終了する'];
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: offer.title,
        message: offer.message,
        detail: offer.detail,
        buttons,
        defaultId: buttons.length - 1,
        cancelId: buttons.length - 1,
        noLink: true,
      });
      if (!offer.backup || response !== 0) return null;
      try {
        const { movedAside } = await recoverFrom(offer.file, offer.backup.path);
        console.log(`復元しました。開けなかったファイル: ${movedAside ?? '(なし)'}`);
      } catch (err) {
        dialog.showErrorBox('復元できませんでした', message(err));
        return null;
      }
    }
  }
}
